/**
 * HTML and feed reading on the cases a regular-expression reader gets wrong: markup characters in
 * quoted attribute values, the full table of named references, markup inside CDATA and comments,
 * implied end tags, namespaced feed elements, Atom's text/html/xhtml content.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeEntities, htmlToText, readHtml } from './text.ts';
import { detectFormat, parseAtom, parseFeed, parseRss, prepareInput } from './feed.ts';
import { extractFromInput } from './index.ts';

test('HTML: a ">" inside a quoted attribute value does not end the tag', () => {
  assert.equal(htmlToText('<p data-x="a>b">Text</p>'), 'Text');
  assert.equal(htmlToText(`<p title='1 > 0' class="x">One</p><a href="/q?a=1&amp;b=>2">two</a>`), 'One\n\ntwo');
  const [{ candidates }] = extractFromInput('<html><body><p data-x="a>b">“That is not true,” Baik Tae-hyun said.</p></body></html>');
  assert.equal(candidates.length, 1);
  assert.equal(candidates[0].quote, 'That is not true');
  assert.equal(candidates[0].speaker.name, 'Baik Tae-hyun');
});

test('entities: the whole HTML table, numeric references, unknown names left as written', () => {
  assert.equal(decodeEntities('&Aring;ngstr&ouml;m'), 'Ångström');
  assert.equal(htmlToText('<p>&Aring;land &Eacute;cole &hellip; &laquo;x&raquo; &Omega; &frac12; &rarr;</p>'), 'Åland École … «x» Ω ½ →');
  assert.equal(decodeEntities('&#8220;q&#x201D; &#X41; &#128512;'), '“q” A 😀');
  assert.equal(decodeEntities('&amp;lt; is decoded once'), '&lt; is decoded once');
  assert.equal(decodeEntities('&bogus; and AT&T'), '&bogus; and AT&T');
  assert.equal(decodeEntities('no references'), 'no references');
  // A no-break space is a space in the text; a soft hyphen disappears.
  assert.equal(htmlToText('<p>Seoul&nbsp;said co&shy;operation</p>'), 'Seoul said cooperation');
});

test('HTML: nested inline tags, <br>, implied end tags, whitespace as rendered', () => {
  assert.equal(htmlToText('<p>He <b>said <i>“we <a href="x">will</a></i></b> go”.</p>'), 'He said “we will go”.');
  assert.equal(htmlToText('<p>one<br>two<br/>three<BR />four</p>'), 'one\ntwo\nthree\nfour');
  assert.equal(htmlToText('<P>first<p>second<DIV>third</DIV>'), 'first\n\nsecond\n\nthird');
  assert.equal(htmlToText('<p>a line\n   broken in the source\tby the writer</p>'), 'a line broken in the source by the writer');
  assert.equal(htmlToText('<ul><li>a<li>b</ul><table><tr><td>c<td>d</table>'), 'a\n\nb\n\nc\n\nd');
  assert.equal(htmlToText('<span>in</span><span>line</span> <em>words</em>'), 'inline words');
});

test('HTML: scripts, styles, comments, templates, SVG and the head are dropped', () => {
  const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>The &amp; title</title>
    <style>p > a { color: red }</style><script>if (a < b && c > d) document.write("</p><p>not text")</script></head>
    <body><noscript><p>enable scripts</p></noscript><!-- <p>commented out</p> --><template><p>tpl</p></template>
    <svg viewBox="0 0 1 1"><title>icon</title><path d="M0 0"/></svg><p>Body text.</p><script type="module">x = '<p>'</script></body></html>`;
  const { title, text } = readHtml(html);
  assert.equal(title, 'The & title');
  assert.equal(text, 'Body text.');
  assert.deepEqual(prepareInput(html), [{ title: 'The & title', text: 'Body text.' }]);
  // A fragment without a head keeps the text of a stray <title> as a paragraph.
  assert.equal(htmlToText('<title>T</title><p>a</p>'), 'T\n\na');
});

test('HTML: a CDATA section (a feed body pasted with its wrapper) is read as HTML', () => {
  assert.equal(htmlToText('<div><![CDATA[<p>Kim said <b>yes</b>.</p>]]></div>'), 'Kim said yes.');
});

const rss = `<?xml version="1.0" encoding="UTF-8"?>
<!-- a feed comment with <item> in it -->
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel><title>News</title><link>https://example.org/</link><atom:link href="https://example.org/feed" rel="self"/>
<item>
  <title><![CDATA[Talks &amp; <b>more</b>]]></title>
  <link>https://example.org/a?x=1&amp;y=2</link>
  <pubDate>Mon, 15 Dec 2025 17:30:00 +0900</pubDate>
  <description>Short summary.</description>
  <content:encoded><![CDATA[<p data-note="a>b">“We will not attend,” Kim said.</p><p>The sample reads </item><item> literally.</p>]]></content:encoded>
</item>
<item>
  <title>Minister&rsquo;s view &amp;amp; more</title>
  <guid isPermaLink="true">https://example.org/b</guid>
  <dc:date>2025-12-16T09:00:00+09:00</dc:date>
  <description>&lt;p&gt;First &amp;amp; second&lt;br&gt;line&lt;/p&gt;</description>
</item>
<item><title>Plain</title><link>https://example.org/c</link><description>Line one
Line two &amp;quot;quoted&amp;quot;</description></item>
</channel></rss>`;

test('RSS 2.0: CDATA with markup, content:encoded over description, guid and dc:date, escaped HTML', () => {
  assert.equal(detectFormat(rss), 'rss');
  const items = parseRss(rss);
  assert.equal(items.length, 3, 'a literal </item> inside CDATA does not end the item');
  assert.deepEqual(items[0], {
    title: 'Talks & more',
    link: 'https://example.org/a?x=1&y=2',
    date: '2025-12-15',
    text: '“We will not attend,” Kim said.\n\nThe sample reads literally.',
  });
  assert.deepEqual(items[1], { title: 'Minister’s view & more', link: 'https://example.org/b', date: '2025-12-16', text: 'First & second\nline' });
  assert.deepEqual(items[2], { title: 'Plain', link: 'https://example.org/c', date: undefined, text: 'Line one\nLine two "quoted"' });
  const [first] = extractFromInput(rss);
  assert.equal(first.document.url, 'https://example.org/a?x=1&y=2');
  assert.equal(first.candidates[0].speaker.name, 'Kim');
});

test('RSS 1.0 (RDF): items beside the channel, dc:date', () => {
  const rdf = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
    <channel rdf:about="https://example.org/"><title>Ch</title><items><rdf:Seq><rdf:li resource="https://example.org/r1"/></rdf:Seq></items></channel>
    <item rdf:about="https://example.org/r1"><title>R1</title><link>https://example.org/r1</link><dc:date>2024-02-03</dc:date><description>Body.</description></item></rdf:RDF>`;
  assert.equal(detectFormat(rdf), 'rss');
  assert.deepEqual(parseFeed(rdf), [{ title: 'R1', link: 'https://example.org/r1', date: '2024-02-03', text: 'Body.' }]);
});

const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Feed</title><link rel="self" href="https://example.org/atom"/>
<entry>
  <title type="html">&lt;b&gt;Bold&lt;/b&gt; &amp;amp; more</title>
  <link rel="self" href="https://example.org/self"/><link rel="alternate" type="text/html" href="https://example.org/e1?a=1&amp;b=2"/>
  <published>2025-12-08T10:00:00+09:00</published><updated>2025-12-09T00:00:00Z</updated>
  <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>&#8220;That is our policy,&#8221; <em>Kevin Kim</em> said.</p><p>Second &amp; last.</p></div></content>
</entry>
<entry>
  <title>Out of line</title><link href="https://example.org/e2"/><updated>2025-12-10T00:00:00Z</updated>
  <content type="text/html" src="https://example.org/e2.html"/><summary type="html"><![CDATA[<p>The <i>summary</i>.</p>]]></summary>
</entry>
<entry><title type="text">a &lt; b</title><id>urn:x</id><content type="text">Kept as text: 1 &lt; 2.</content></entry>
</feed>`;

test('Atom: xhtml, html and text content, alternate link, summary when content is out of line', () => {
  assert.equal(detectFormat(atom), 'atom');
  const items = parseAtom(atom);
  assert.equal(items.length, 3);
  assert.deepEqual(items[0], {
    title: 'Bold & more',
    link: 'https://example.org/e1?a=1&b=2',
    date: '2025-12-08',
    text: '“That is our policy,” Kevin Kim said.\n\nSecond & last.',
  });
  assert.deepEqual(items[1], { title: 'Out of line', link: 'https://example.org/e2', date: '2025-12-10', text: 'The summary.' });
  assert.deepEqual(items[2], { title: 'a < b', link: undefined, date: undefined, text: 'Kept as text: 1 < 2.' });
  const [first] = extractFromInput(atom);
  assert.equal(first.candidates[0].speaker.name, 'Kevin Kim');
});
