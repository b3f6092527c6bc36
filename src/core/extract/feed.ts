/**
 * RSS 2.0 / RSS 1.0 and Atom feed reading, plus a single entry point that turns any supported
 * input (plain text, HTML, RSS, Atom) into documents ready for extraction. Feeds are parsed as XML
 * by htmlparser2 (xmlMode: CDATA, XML entities, namespaced names such as `content:encoded`), then
 * the item bodies, which are HTML, are read by the HTML reader in ./text.ts. Pure, no I/O.
 */
import { DomUtils, parseDocument } from 'htmlparser2';
import { isTag, type Document, type Element, type ParentNode } from 'domhandler';
import { decodeEntities, htmlToText, looksLikeHtml, normaliseWhitespace, readHtml } from './text.ts';

/** One item of a feed. `text` is the body as plain text; `date` an ISO date (yyyy-mm-dd) if parseable. */
export interface FeedItem {
  title: string;
  link?: string;
  date?: string;
  text: string;
  /** The item's own identifier (RSS `guid`, Atom `id`), when asked for (`ids`) and it has one. */
  id?: string;
}

/** A unit of input for extraction. */
export interface InputDocument {
  title?: string;
  url?: string;
  publishedOn?: string;
  text: string;
}

export type InputFormat = 'text' | 'html' | 'rss' | 'atom';

/** Guess the format of raw input from its first markup. */
export function detectFormat(raw: string): InputFormat {
  const head = raw.slice(0, 2000);
  if (/<rss\b|<rdf:RDF\b/i.test(head)) return 'rss';
  if (/<feed\b[^>]*(xmlns="http:\/\/www\.w3\.org\/2005\/Atom"|>)/i.test(head) && /<entry\b/i.test(raw)) return 'atom';
  if (looksLikeHtml(head) || /<!doctype html/i.test(head)) return 'html';
  return 'text';
}

/** Parse a feed as XML (leniently: feeds in the wild are not always well-formed). */
function parseXml(xml: string): Document {
  // xmlMode: names keep their prefix (`content:encoded`), CDATA sections are text, only XML's
  // own entities are decoded (an HTML name such as `&nbsp;` in a title is decoded later).
  return parseDocument(xml, { xmlMode: true, decodeEntities: true });
}

const nameOf = (el: Element): string => el.name.toLowerCase();
const elements = (root: ParentNode, name: string): Element[] => DomUtils.findAll((el) => nameOf(el) === name, root.children);

/** The first direct child element named `name` (prefix included, case-insensitive). */
function child(el: Element, name: string): Element | undefined {
  return el.children.find((c): c is Element => isTag(c) && nameOf(c) === name);
}

/** Text content of a child element (CDATA included, XML entities decoded), or undefined if absent or empty. */
function childText(el: Element, ...names: string[]): string | undefined {
  for (const n of names) {
    const c = child(el, n);
    const t = c && DomUtils.textContent(c);
    if (t?.trim()) return t;
  }
  return undefined;
}

/** Markup text of a body element: its text, or for Atom `type="xhtml"` its serialised children. */
function bodyOf(el: Element | undefined): string {
  if (!el) return '';
  if (DomUtils.getAttributeValue(el, 'type')?.toLowerCase() === 'xhtml') return DomUtils.getInnerHTML(el, { xmlMode: true });
  return DomUtils.textContent(el);
}

/**
 * Plain text of a feed body or title after XML decoding: HTML (from CDATA or entity-escaped
 * markup) is read as HTML; text without markup keeps its line breaks, and any HTML character
 * references left in it (feeds often escape `&quot;` twice, or use `&rsquo;`) are decoded.
 */
function bodyToText(body: string): string {
  return /<\/?[a-z][^>]*>|<!\[CDATA\[/i.test(body) ? htmlToText(body) : normaliseWhitespace(decodeEntities(body));
}

/** ISO yyyy-mm-dd of an RFC 822 or ISO 8601 date; the calendar date as written, not shifted to UTC. */
export function toIsoDate(s: string | undefined): string | undefined {
  if (!s) return undefined;
  const t = s.trim();
  const iso = /^(\d{4}-\d{2}-\d{2})/.exec(t);
  if (iso) return iso[1];
  // RFC 822: "Tue, 16 Dec 2025 10:00:00 +0900". Keep the publisher's local date (the article's date).
  const rfc = /(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})/.exec(t);
  if (rfc) {
    const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
    const mi = months.indexOf(rfc[2].toLowerCase());
    if (mi >= 0) return `${rfc[3]}-${String(mi + 1).padStart(2, '0')}-${rfc[1].padStart(2, '0')}`;
  }
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().slice(0, 10);
}

/** Split an RSS 2.0 (or RSS 1.0/RDF) document into items. */
export function parseRss(xml: string, o: { ids?: boolean } = {}): FeedItem[] {
  return elements(parseXml(xml), 'item').map((it) => {
    const id = o.ids ? childText(it, 'guid')?.trim() : undefined;
    const body = bodyOf(child(it, 'content:encoded') ?? child(it, 'description'));
    const link = childText(it, 'link', 'guid')?.trim();
    return {
      title: bodyToText(childText(it, 'title') ?? ''),
      link: link || undefined,
      date: toIsoDate(childText(it, 'pubdate', 'dc:date')),
      text: bodyToText(body),
      ...(id ? { id } : {}),
    };
  });
}

/** Split an Atom 1.0 document into entries. Prefers the rel="alternate" link and `content` over `summary`. */
export function parseAtom(xml: string, o: { ids?: boolean } = {}): FeedItem[] {
  return elements(parseXml(xml), 'entry').map((e) => {
    const id = o.ids ? childText(e, 'id')?.trim() : undefined;
    const links = e.children.filter((c): c is Element => isTag(c) && nameOf(c) === 'link');
    const rel = (l: Element) => DomUtils.getAttributeValue(l, 'rel');
    const alt = links.find((l) => rel(l) === undefined || rel(l) === 'alternate') ?? links[0];
    // `content` unless it is empty or out of line (`src=`), then `summary`.
    const content = bodyOf(child(e, 'content'));
    return {
      title: bodyToText(bodyOf(child(e, 'title'))),
      link: alt ? DomUtils.getAttributeValue(alt, 'href') : undefined,
      date: toIsoDate(childText(e, 'published', 'updated')),
      text: bodyToText(content.trim() ? content : bodyOf(child(e, 'summary'))),
      ...(id ? { id } : {}),
    };
  });
}

/** Parse RSS or Atom, whichever the document is; `ids` keeps each item's own identifier (guid, id). */
export function parseFeed(xml: string, o: { ids?: boolean } = {}): FeedItem[] {
  return detectFormat(xml) === 'atom' ? parseAtom(xml, o) : parseRss(xml, o);
}

/**
 * Turn raw input into extraction-ready documents: a feed yields one document per item, HTML and
 * plain text yield one. Candidate spans refer to each document's `text`, not to the raw input.
 */
export function prepareInput(raw: string, format: InputFormat | 'auto' = 'auto'): InputDocument[] {
  const f = format === 'auto' ? detectFormat(raw) : format;
  if (f === 'rss' || f === 'atom') {
    return (f === 'rss' ? parseRss(raw) : parseAtom(raw)).map((i) => ({ title: i.title, url: i.link, publishedOn: i.date, text: i.text }));
  }
  if (f === 'html') {
    const { title, text } = readHtml(raw);
    return [{ title: title || undefined, text }];
  }
  return [{ text: raw }];
}
