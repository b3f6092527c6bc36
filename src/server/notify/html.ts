/**
 * The HTML part of Concord's e-mail: one layout for every notification and the digest. Written
 * with React's server renderer (react-dom/server, already the web app's): every value is escaped
 * by it, never concatenated into markup. Mail clients ignore style sheets and most CSS, so the
 * layout is tables with inline styles, 600 px wide at most, readable without images; fonts for
 * Korean are named before the generic ones.
 */
import { createElement as h, type CSSProperties, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

export type Locale = 'en' | 'ko';

/** A message before it is written out: the same facts become the text and the HTML. */
export interface Message {
  subject: string;
  /** The group it is about, for the header. */
  group: string | null;
  lead: string;
  title: string | null;
  fields: { label: string; value: string }[];
  /** A quoted passage (a statement's words). */
  quote?: string | null;
  /** A list under the facts (a digest's notifications, the clauses bracketed). */
  items?: { title: string; text?: string; link?: string | null }[];
  link: string | null;
  linkLabel: string;
  footer: string;
  locale: Locale;
}

const FONT = '-apple-system, "Segoe UI", Roboto, "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans KR", "Noto Sans CJK KR", Arial, sans-serif';
const INK = '#1a1b1e';
const DIM = '#5c5f66';
const ACCENT = '#1c5fa8';
const LINE = '#dee2e6';

const text = (style: CSSProperties, ...children: ReactNode[]) => h('p', { style: { margin: '0 0 12px', fontFamily: FONT, fontSize: 15, lineHeight: '22px', color: INK, ...style } }, ...children);
const cell = (style: CSSProperties, ...children: ReactNode[]) => h('td', { style: { fontFamily: FONT, fontSize: 14, lineHeight: '20px', color: INK, verticalAlign: 'top', ...style } }, ...children);
const presentation = (style: CSSProperties, ...rows: ReactNode[]) =>
  h('table', { role: 'presentation', width: '100%', cellPadding: 0, cellSpacing: 0, border: 0, style: { borderCollapse: 'collapse', ...style } }, h('tbody', null, ...rows));

function content(m: Message): ReactNode[] {
  const parts: ReactNode[] = [text({ color: DIM }, m.lead)];
  if (m.title) parts.push(h('h1', { style: { margin: '0 0 16px', fontFamily: FONT, fontSize: 20, lineHeight: '28px', color: INK } }, m.title));
  if (m.fields.length) {
    parts.push(
      presentation(
        { margin: '0 0 16px' },
        ...m.fields.map((f, i) =>
          h(
            'tr',
            { key: i },
            cell({ padding: '6px 12px 6px 0', color: DIM, whiteSpace: 'nowrap', width: 1, borderTop: i ? `1px solid ${LINE}` : undefined }, f.label),
            cell({ padding: '6px 0', borderTop: i ? `1px solid ${LINE}` : undefined }, f.value),
          ),
        ),
      ),
    );
  }
  if (m.quote) {
    parts.push(h('blockquote', { style: { margin: '0 0 16px', padding: '8px 12px', borderLeft: `3px solid ${LINE}`, fontFamily: FONT, fontSize: 14, lineHeight: '20px', color: INK } }, m.quote));
  }
  if (m.items?.length) {
    parts.push(
      presentation(
        { margin: '0 0 16px' },
        ...m.items.map((it, i) =>
          h(
            'tr',
            { key: i },
            cell(
              { padding: '10px 0', borderTop: `1px solid ${LINE}` },
              h('div', { style: { fontWeight: 600 } }, it.link ? h('a', { href: it.link, style: { color: ACCENT, textDecoration: 'none' } }, it.title) : it.title),
              it.text ? h('div', { style: { color: DIM, fontSize: 13 } }, it.text) : null,
            ),
          ),
        ),
      ),
    );
  }
  if (m.link) {
    parts.push(
      presentation(
        { margin: '8px 0 0', width: 'auto' },
        h(
          'tr',
          null,
          cell(
            { backgroundColor: ACCENT, borderRadius: 4 },
            h('a', { href: m.link, style: { display: 'inline-block', padding: '10px 18px', color: '#ffffff', fontWeight: 600, textDecoration: 'none', fontFamily: FONT, fontSize: 14 } }, m.linkLabel),
          ),
        ),
      ),
    );
  }
  return parts;
}

/** The whole HTML document of one e-mail. */
export function renderHtml(m: Message): string {
  const page = h(
    'html',
    { lang: m.locale },
    h(
      'head',
      null,
      h('meta', { httpEquiv: 'Content-Type', content: 'text/html; charset=utf-8' }),
      h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
      h('meta', { name: 'color-scheme', content: 'light' }),
      h('title', null, m.subject),
    ),
    h(
      'body',
      { style: { margin: 0, padding: 0, backgroundColor: '#f1f3f5' } },
      presentation(
        { backgroundColor: '#f1f3f5' },
        h(
          'tr',
          null,
          h(
            'td',
            { align: 'center', style: { padding: '24px 12px' } },
            presentation(
              { maxWidth: 600, backgroundColor: '#ffffff', border: `1px solid ${LINE}`, borderRadius: 8 },
              h(
                'tr',
                null,
                cell(
                  { padding: '14px 24px', borderBottom: `3px solid ${ACCENT}`, fontSize: 13, color: DIM },
                  h('strong', { style: { color: ACCENT, fontSize: 15 } }, 'Concord'),
                  m.group ? ` · ${m.group}` : null,
                ),
              ),
              h('tr', null, cell({ padding: '24px' }, ...content(m))),
              h('tr', null, cell({ padding: '16px 24px', borderTop: `1px solid ${LINE}`, fontSize: 12, lineHeight: '18px', color: DIM }, m.footer)),
            ),
          ),
        ),
      ),
    ),
  );
  return `<!DOCTYPE html>${renderToStaticMarkup(page)}`;
}
