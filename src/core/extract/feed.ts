/**
 * RSS 2.0 and Atom feed reading, plus a single entry point that turns any supported input
 * (plain text, HTML, RSS, Atom) into documents ready for extraction. Small regex-based reader:
 * feeds are machine-written and shallow, so a full XML parser is not needed for title, link,
 * date and body.
 */
import { decodeEntities, htmlToText, looksLikeHtml, normaliseWhitespace } from './text.ts';

/** One item of a feed. `text` is the body as plain text; `date` an ISO date (yyyy-mm-dd) if parseable. */
export interface FeedItem {
  title: string;
  link?: string;
  date?: string;
  text: string;
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

/** Content of the first `<tag>` element (namespace prefix allowed), CDATA unwrapped, or undefined. */
function element(xml: string, tag: string): string | undefined {
  const re = new RegExp(`<${tag}\\b[^>]*?(?:/>|>([\\s\\S]*?)</${tag}\\s*>)`, 'i');
  const m = re.exec(xml);
  if (!m) return undefined;
  return unwrapCdata(m[1] ?? '');
}

function unwrapCdata(s: string): string {
  // Feed bodies are either CDATA (raw HTML) or entity-escaped HTML; handle both the same way.
  const cdata = /^\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*$/.exec(s);
  return cdata ? cdata[1] : s.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1');
}

function attr(tagText: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)')`, 'i').exec(tagText);
  return m ? decodeEntities(m[2] ?? m[3] ?? '') : undefined;
}

/** Plain text of a feed body that may be escaped HTML, CDATA HTML or text. */
function bodyToText(body: string): string {
  const once = body.includes('<') ? body : decodeEntities(body);
  return looksLikeHtml(once) || /<\/?[a-z][^>]*>/i.test(once) ? htmlToText(once) : normaliseWhitespace(decodeEntities(once));
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
export function parseRss(xml: string): FeedItem[] {
  const items: FeedItem[] = [];
  for (const m of xml.matchAll(/<item\b[^>]*>([\s\S]*?)<\/item\s*>/gi)) {
    const it = m[1];
    const body = element(it, 'content:encoded') ?? element(it, 'description') ?? '';
    const link = element(it, 'link') ?? element(it, 'guid');
    items.push({
      title: normaliseWhitespace(decodeEntities(stripTags(element(it, 'title') ?? ''))),
      link: link ? decodeEntities(link.trim()) : undefined,
      date: toIsoDate(element(it, 'pubDate') ?? element(it, 'dc:date')),
      text: bodyToText(body),
    });
  }
  return items;
}

/** Split an Atom 1.0 document into entries. Prefers the rel="alternate" link and `content` over `summary`. */
export function parseAtom(xml: string): FeedItem[] {
  const items: FeedItem[] = [];
  for (const m of xml.matchAll(/<entry\b[^>]*>([\s\S]*?)<\/entry\s*>/gi)) {
    const e = m[1];
    const links = [...e.matchAll(/<link\b[^>]*>/gi)].map((l) => l[0]);
    const alt = links.find((l) => !/\brel\s*=/.test(l) || /\brel\s*=\s*["']alternate["']/.test(l)) ?? links[0];
    const body = element(e, 'content') ?? element(e, 'summary') ?? '';
    items.push({
      title: normaliseWhitespace(decodeEntities(stripTags(element(e, 'title') ?? ''))),
      link: alt ? attr(alt, 'href') : undefined,
      date: toIsoDate(element(e, 'published') ?? element(e, 'updated')),
      text: bodyToText(body),
    });
  }
  return items;
}

function stripTags(s: string): string {
  return s.replace(/<[^>]+>/g, '');
}

/** Parse RSS or Atom, whichever the document is. */
export function parseFeed(xml: string): FeedItem[] {
  return detectFormat(xml) === 'atom' ? parseAtom(xml) : parseRss(xml);
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
    const title = /<title\b[^>]*>([\s\S]*?)<\/title>/i.exec(raw)?.[1];
    return [{ title: title ? normaliseWhitespace(decodeEntities(title)) : undefined, text: htmlToText(raw) }];
  }
  return [{ text: raw }];
}
