/**
 * Input preparation: HTML to plain text and entity decoding. The markup is read by htmlparser2's
 * tokenizer (quoted attribute values, raw-text `<script>`/`<style>`, implied end tags, void
 * elements) and character references by `entities` (the full HTML named-reference table, numeric
 * references with the HTML replacement rules). Both are pure JavaScript without I/O and run
 * unchanged in Node and in a browser, so the extractor stays in core.
 */
import { Parser } from 'htmlparser2';
import { decodeHTML } from 'entities';

/**
 * Decode HTML character references (named, decimal, hex), as an HTML parser does in text.
 * Unknown names are left as written: `&amp;&Aring;&#x41;&bogus;` → `&ÅA&bogus;`.
 */
export function decodeEntities(s: string): string {
  return s.includes('&') ? decodeHTML(s) : s;
}

/** Elements whose content is never article text. */
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'head', 'object', 'canvas', 'select', 'textarea']);

/** Elements that start and end a paragraph of text. */
const BLOCKS = new Set([
  'p',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'aside',
  'nav',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'caption',
  'blockquote',
  'figure',
  'figcaption',
  'pre',
  'hr',
  'address',
  'form',
  'fieldset',
  'details',
  'summary',
  'title',
]);

/** Invisible formatting characters dropped from the text (soft hyphen, zero-width space, direction marks, BOM). */
const INVISIBLE = /[\u00ad\u200b\u200e\u200f\u2060\ufeff]/g;

/** The readable text of an HTML document or fragment, and its `<title>` if it has one. */
export interface HtmlText {
  title?: string;
  text: string;
}

/**
 * Read an HTML document or fragment into plain text: scripts, styles, the head and comments are
 * dropped, block elements become paragraph breaks (blank lines) and `<br>` a line break; inline
 * markup is removed and entities decoded. Whitespace in the source collapses as a browser renders
 * it (except inside `<pre>`); `<![CDATA[…]]>` sections (feed bodies) are read as text.
 */
export function readHtml(html: string): HtmlText {
  const out: string[] = [];
  let skipDepth = 0;
  let skipRoot = '';
  let preDepth = 0;
  let title: string[] | null = null;
  let titleDone = false;
  let cdata: string[] | null = null;
  const parser = new Parser(
    {
      onopentag(name) {
        // The document's title: the first <title> in the body or directly in the head (not an SVG's).
        if (name === 'title' && !titleDone && (skipDepth === 0 || (skipDepth === 1 && skipRoot === 'head'))) title = [];
        if (skipDepth > 0 || SKIPPED.has(name)) {
          if (skipDepth++ === 0) skipRoot = name;
          return;
        }
        if (name === 'br') out.push('\n');
        else if (BLOCKS.has(name)) {
          out.push('\n\n');
          if (name === 'pre') preDepth++;
        }
      },
      onclosetag(name) {
        if (name === 'title' && title) titleDone = true;
        if (skipDepth > 0) {
          skipDepth--;
          return;
        }
        if (BLOCKS.has(name)) {
          out.push('\n\n');
          if (name === 'pre' && preDepth > 0) preDepth--;
        }
      },
      // A CDATA section is a feed body pasted with its wrapper: its content is HTML in its own right.
      oncdatastart() {
        cdata = [];
      },
      oncdataend() {
        const inner = (cdata as string[] | null)?.join('') ?? '';
        cdata = null;
        if (skipDepth === 0) out.push('\n\n', readHtml(inner).text, '\n\n');
      },
      ontext(data) {
        if (cdata) return void cdata.push(data);
        if (title && !titleDone) title.push(data);
        if (skipDepth > 0) return;
        out.push(preDepth > 0 ? data : data.replace(/[ \t\n\r\f]+/g, ' '));
      },
    },
    { decodeEntities: true, recognizeCDATA: true },
  );
  parser.end(html);
  const t = (title as string[] | null)?.join('');
  return { title: t === undefined ? undefined : normaliseWhitespace(t.replace(INVISIBLE, '')), text: normaliseWhitespace(out.join('').replace(INVISIBLE, '')) };
}

/**
 * Convert an HTML document or fragment to plain text (see {@link readHtml}): paragraphs separated
 * by a blank line, `<br>` as a line break, whitespace inside a paragraph collapsed.
 */
export function htmlToText(html: string): string {
  return readHtml(html).text;
}

/** Collapse runs of spaces inside lines, trim lines, and keep at most one blank line between paragraphs. */
export function normaliseWhitespace(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(/[\t\f\v \u00a0\u2000-\u200a\u202f\u205f\u3000]+/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** True when the input looks like HTML rather than plain text (a format sniff on the first markup, not a parse). */
export function looksLikeHtml(s: string): boolean {
  return /<(html|body|p|div|article|span|a|br|h[1-6])\b[^>]*>/i.test(s);
}
