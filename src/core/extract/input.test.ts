import { test } from 'node:test';
import assert from 'node:assert/strict';
import { htmlToText, decodeEntities } from './text.ts';
import { parseFeed, prepareInput, detectFormat, toIsoDate } from './feed.ts';
import { splitSentences } from './sentences.ts';
import { extractFromInput } from './index.ts';

test('HTML: strips scripts/styles/tags, decodes entities, keeps paragraphs', () => {
  const html = `<!doctype html><html><head><title>Seoul &amp; Washington</title><style>p{color:red}</style></head>
  <body><script>var x = "<p>not text</p>";</script><nav>Home</nav>
  <article><h1>Ministry skips talks</h1><p>&ldquo;That is not true,&rdquo; Baik Tae-hyun said.</p><!-- ad -->
  <p>Kang said it is &#8220;difficult&#x201D; &mdash; really.<br>Next line</p></article></body></html>`;
  const text = htmlToText(html);
  assert.ok(!text.includes('not text') && !text.includes('color:red') && !text.includes('<'));
  assert.match(text, /“That is not true,” Baik Tae-hyun said\.\n\nKang said it is “difficult” — really\.\nNext line/);
  assert.equal(decodeEntities('&amp;&lt;&#39;&#x41;&bogus;'), "&<'A&bogus;");
  const [doc] = prepareInput(html);
  assert.equal(doc.title, 'Seoul & Washington');
  const [{ candidates }] = extractFromInput(html);
  assert.equal(candidates[0].speaker.name, 'Baik Tae-hyun');
});

const rss = `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>News</title>
<item><title>Unification Ministry to skip talks</title><link>https://example.org/a</link><pubDate>Mon, 15 Dec 2025 17:30:00 +0900</pubDate>
<description><![CDATA[<p>“As it concerns diplomatic issues between South Korea and the United States, the Ministry of Unification has decided not to participate,” the ministry said.</p>]]></description></item>
<item><title>Second &amp; item</title><link>https://example.org/b</link><pubDate>Tue, 16 Dec 2025 09:00:00 +0900</pubDate>
<description>&lt;p&gt;Wi Sung-lac said the government &amp;quot;will continue striving to speak with one voice.&amp;quot;&lt;/p&gt;</description></item>
</channel></rss>`;

const atom = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Feed</title>
<entry><title type="html">Kevin Kim on policy</title><link rel="alternate" href="https://example.org/c"/><link rel="self" href="https://example.org/self"/>
<published>2025-12-08T10:00:00+09:00</published><content type="html">&lt;p&gt;&quot;That is our Korea policy right now,&quot; Kevin Kim said.&lt;/p&gt;</content></entry>
<entry><title>Summary only</title><link href="https://example.org/d"/><updated>2025-12-09T00:00:00Z</updated><summary>No statement here.</summary></entry></feed>`;

test('RSS 2.0: items with title, link, date, text (CDATA and escaped HTML)', () => {
  assert.equal(detectFormat(rss), 'rss');
  const items = parseFeed(rss);
  assert.equal(items.length, 2);
  assert.deepEqual([items[0].title, items[0].link, items[0].date], ['Unification Ministry to skip talks', 'https://example.org/a', '2025-12-15']);
  assert.equal(items[1].title, 'Second & item');
  assert.equal(items[1].text, 'Wi Sung-lac said the government "will continue striving to speak with one voice."');
  const results = extractFromInput(rss);
  assert.equal(results[0].document.publishedOn, '2025-12-15');
  assert.equal(results[0].candidates[0].speaker.isOrganisation, true);
  assert.equal(results[1].candidates[0].speaker.name, 'Wi Sung-lac');
  assert.equal(results[1].candidates[0].kind, 'partial');
});

test('Atom: entries with alternate link, published date, html content', () => {
  assert.equal(detectFormat(atom), 'atom');
  const items = parseFeed(atom);
  assert.equal(items.length, 2);
  assert.deepEqual([items[0].title, items[0].link, items[0].date], ['Kevin Kim on policy', 'https://example.org/c', '2025-12-08']);
  assert.equal(items[1].link, 'https://example.org/d');
  assert.equal(items[1].text, 'No statement here.');
  const results = extractFromInput(atom);
  assert.equal(results[0].candidates[0].speaker.name, 'Kevin Kim');
  assert.equal(results[1].candidates.length, 0);
  assert.equal(toIsoDate('Sat, 24 Nov 2018 00:00:00 GMT'), '2018-11-24');
});

test('sentence splitter: abbreviations, initials and quotes spanning sentences', () => {
  const t =
    'The U.S. and Seoul met on Dec. 16 at No. 1 venue with Mr. Kim and chargé d\'affaires a.i. Kevin Kim. The talks ended. Officials left the U.S. The next day "We are here. And you know how to reach us," Biegun said. Then J. Smith spoke.';
  const s = splitSentences(t).map((x) => x.text);
  assert.deepEqual(s, [
    "The U.S. and Seoul met on Dec. 16 at No. 1 venue with Mr. Kim and chargé d'affaires a.i. Kevin Kim.",
    'The talks ended.',
    'Officials left the U.S.',
    'The next day "We are here. And you know how to reach us," Biegun said.',
    'Then J. Smith spoke.',
  ]);
  // Offsets point into the input.
  for (const x of splitSentences(t)) assert.equal(t.slice(x.start, x.end), x.text);
  // A quote ending the sentence splits before the next capitalised sentence, not before a short attribution.
  assert.equal(splitSentences('"Only our methodologies differ." The meeting ended.').length, 2);
  assert.equal(splitSentences('"We arrived at an agreement …" Kim said.').length, 1);
});
