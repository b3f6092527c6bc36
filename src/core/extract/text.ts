/**
 * Input preparation: HTML to plain text and entity decoding. Deliberately small and dependency
 * free; it aims at news pages and feed bodies, not at being a conforming HTML parser.
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ',
  ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', sbquo: '‚', bdquo: '„', laquo: '«', raquo: '»',
  mdash: '—', ndash: '–', hellip: '…', middot: '·', bull: '•', copy: '©', reg: '®', trade: '™', deg: '°',
  eacute: 'é', egrave: 'è', ecirc: 'ê', aacute: 'á', agrave: 'à', acirc: 'â', oacute: 'ó', ocirc: 'ô', uuml: 'ü',
  ouml: 'ö', auml: 'ä', ccedil: 'ç', ntilde: 'ñ', iacute: 'í', uacute: 'ú', szlig: 'ß', euro: '€', pound: '£',
  yen: '¥', cent: '¢', times: '×', divide: '÷', prime: '′', Prime: '″', shy: '', zwj: '', zwnj: '', lrm: '', rlm: '',
};

/** Decode HTML/XML character references (named, decimal, hex). Unknown names are left as written. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z][a-z0-9]*);/gi, (m, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      // Invalid code points would throw in fromCodePoint; keep the reference instead.
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return NAMED_ENTITIES[ref] ?? NAMED_ENTITIES[ref.toLowerCase()] ?? m;
  });
}

const BLOCK_TAGS = 'p|div|section|article|header|footer|main|aside|nav|h[1-6]|ul|ol|li|dl|dt|dd|table|thead|tbody|tr|td|th|blockquote|figure|figcaption|pre|hr|address|form|fieldset|title';

/**
 * Convert an HTML document or fragment to plain text: drops scripts, styles and comments,
 * turns block elements into paragraph breaks (blank lines) and `<br>` into line breaks, strips the
 * remaining tags and decodes entities. Whitespace inside a paragraph is collapsed.
 */
export function htmlToText(html: string): string {
  let s = html;
  // Comments and CDATA first so that tags inside them are not mistaken for markup.
  s = s.replace(/<!--[\s\S]*?-->/g, ' ');
  s = s.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1');
  s = s.replace(/<(script|style|noscript|template|svg|iframe|head|object)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ');
  s = s.replace(/<(script|style|noscript|template)\b[^>]*\/>/gi, ' ');
  s = s.replace(/<br\s*\/?>/gi, '\n');
  s = s.replace(new RegExp(`</?(?:${BLOCK_TAGS})\\b[^>]*>`, 'gi'), '\n\n');
  s = s.replace(/<[^>]+>/g, '');
  s = decodeEntities(s);
  return normaliseWhitespace(s);
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

/** True when the input looks like HTML rather than plain text. */
export function looksLikeHtml(s: string): boolean {
  return /<(html|body|p|div|article|span|a|br|h[1-6])\b[^>]*>/i.test(s);
}
