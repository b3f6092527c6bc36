/**
 * No script from a record. Script payloads are planted through the API in every text field of
 * every kind of record (issues, positions, documents and their clauses, commitments and their
 * reports, projects, meetings and agenda items, statements, notes, articles, the working group's
 * and a party's names); a `javascript:` URL is refused where a URL field exists. Then every screen
 * is visited in English and in Korean, every chart hovered across its area (ECharts draws on a
 * canvas; its tooltips must stay text), and the page must never have run a payload
 * (`window.__xss`), opened a dialog, or met a CSP violation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { newContext, settled, signIn, startServer, browserSkip, setUpBrowser, type Server } from './harness.ts';

const skip = browserSkip();
const browser = setUpBrowser(skip);

const PAYLOADS = ['<img src=x onerror=window.__xss=1>', '<script>window.__xss=1</script>', '"><svg onload=window.__xss=1>', '\'><iframe srcdoc="<script>parent.__xss=1</script>">'];
/** A text with every payload, marked so a test can find where it is shown. */
const X = (label: string) => `XSS-${label} ${PAYLOADS.join(' ')}`;
const GROUP = 'cg-2025';

interface Session {
  cookie: string;
  csrf: string;
}

async function session(server: Server, email: string): Promise<Session> {
  const r = await fetch(`${server.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'concord-demo' }) });
  assert.equal(r.status, 200, `sign in ${email}`);
  const cookie = (r.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const body = (await r.json()) as { csrfToken: string };
  return { cookie, csrf: body.csrfToken };
}

/** Calls the API as a session; `expect` is the status wanted (2xx by default). */
async function api(server: Server, s: Session, method: string, path: string, body?: unknown, headers: Record<string, string> = {}, expect?: number): Promise<any> {
  const r = await fetch(`${server.url}/api${path}`, {
    method,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  if (expect !== undefined) assert.equal(r.status, expect, `${method} ${path}: ${text}`);
  else assert.ok(r.status >= 200 && r.status < 300, `${method} ${path}: ${r.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Plants the payloads; returns the screens that show what was planted. */
async function plant(server: Server): Promise<string[]> {
  const sec = await session(server, 'mofa.secretariat@concord.demo');
  const us = await session(server, 'state.secretariat@concord.demo');
  const admin = await session(server, 'admin@concord.demo');
  const today = new Date().toISOString().slice(0, 10);

  const issue = await api(server, sec, 'POST', '/issues', {
    wgId: GROUP,
    title: X('issue-title'),
    titleKo: X('issue-title-ko'),
    description: X('issue-description'),
    keywords: [X('kw').slice(0, 60)],
    scope: 'group',
  });
  for (const [who, stance] of [
    [sec, 'support'],
    [us, 'oppose'],
  ] as const) {
    await api(server, who, 'POST', '/positions', {
      issueId: issue.id,
      stance,
      rationale: X('rationale'),
      conditions: X('conditions'),
      sourceKind: 'other',
      sourceRef: X('source-ref').slice(0, 200),
      scope: 'group',
    });
  }
  await api(server, sec, 'POST', '/statements', {
    wgId: GROUP,
    saidOn: today,
    medium: 'remarks',
    language: 'en',
    quote: X('quote'),
    speakerDescription: X('speaker'),
    speakerOrgId: 'rok-mofa',
    context: X('context'),
    sourceUrl: 'https://news.example/"><script>window.__xss=1</script>',
    sourceTitle: X('source-title'),
    passage: X('passage'),
    issues: [{ issueId: issue.id, stance: 'strongly_oppose' }],
  });
  // The counterpart says the opposite: a message-discipline finding whose sides carry the payloads.
  await api(server, us, 'POST', '/statements', {
    wgId: GROUP,
    saidOn: today,
    medium: 'remarks',
    language: 'en',
    quote: X('us-quote'),
    speakerOrgId: 'us-state',
    sourceTitle: X('us-source'),
    issues: [{ issueId: issue.id, stance: 'strongly_support' }],
  });
  // A javascript: URL is refused where a URL field exists.
  for (const url of ['javascript:window.__xss=1', 'JAVASCRIPT:alert(1)', 'data:text/html,<script>window.__xss=1</script>']) {
    const refused = await api(server, sec, 'POST', '/statements', { wgId: GROUP, saidOn: today, medium: 'remarks', language: 'en', quote: 'x', speakerOrgId: 'rok-mofa', sourceUrl: url }, {}, 400);
    assert.equal(refused.field, 'body.sourceUrl');
  }
  const doc = await api(server, sec, 'POST', '/documents', {
    wgId: GROUP,
    kind: 'joint_statement',
    title: X('doc-title'),
    titleKo: X('doc-title-ko'),
    note: X('doc-note'),
    scope: 'group',
    clauses: [
      { key: 'a', status: 'agreed', textEn: X('clause-en'), textKo: X('clause-ko') },
      {
        key: 'b',
        status: 'bracketed',
        textEn: X('bracket'),
        alternatives: [
          { partyId: 'KR', textEn: X('alt-kr'), textKo: X('alt-kr-ko') },
          { partyId: 'US', textEn: X('alt-us') },
        ],
      },
    ],
  });
  const v2 = await api(
    server,
    sec,
    'POST',
    `/documents/${doc.id}/versions`,
    {
      note: X('v2-note'),
      clauses: [
        { key: 'a', status: 'agreed', textEn: X('clause-en-2'), textKo: X('clause-ko-2') },
        { key: 'b', status: 'agreed', textEn: X('agreed') },
      ],
    },
    { 'if-match': '1' },
  );
  await api(server, sec, 'POST', `/documents/${doc.id}/versions/2/sign-off`, { contentHash: v2.contentHash });
  const commitment = await api(server, sec, 'POST', '/commitments', {
    documentId: doc.id,
    clauseKey: 'a',
    title: X('commitment'),
    titleKo: X('commitment-ko'),
    track: X('track').slice(0, 100),
    responsiblePartyId: 'KR',
    dueOn: today,
    scope: 'group',
  });
  await api(server, sec, 'POST', `/commitments/${commitment.id}/reports`, { status: 'at_risk', percent: 40, note: X('report'), evidenceUrl: 'https://evidence.example/"><svg/onload=window.__xss=1>' });
  await api(server, sec, 'POST', `/commitments/${commitment.id}/reports`, { status: 'in_progress', evidenceUrl: 'javascript:window.__xss=1' }, {}, 400);
  await api(server, sec, 'POST', '/projects', {
    wgId: GROUP,
    name: X('project'),
    nameKo: X('project-ko'),
    description: X('project-description'),
    proponentOrgId: 'rok-mofa',
    plannedOn: today,
    reason: X('project-reason'),
    scope: 'group',
  });
  const meeting = await api(server, sec, 'POST', '/meetings', {
    wgId: GROUP,
    title: X('meeting'),
    titleKo: X('meeting-ko'),
    level: 'working',
    format: 'hybrid',
    place: X('place'),
    startsAt: new Date(Date.now() + 3 * 86400_000).toISOString(),
    timezone: 'Asia/Seoul',
    scope: 'group',
  });
  await api(server, sec, 'POST', `/meetings/${meeting.id}/agenda`, { title: X('agenda'), titleKo: X('agenda-ko'), issueId: issue.id, notes: X('agenda-notes'), outcome: X('agenda-outcome') });
  await api(server, sec, 'PUT', `/meetings/${meeting.id}/attendance`, { organisationId: 'rok-mou', status: 'declined', reason: X('decline') });
  for (const [entityType, entityId] of [
    ['working_group', GROUP],
    ['meeting', meeting.id],
    ['issue', issue.id],
  ]) {
    await api(server, sec, 'POST', '/notes', { entityType, entityId, body: X(`note-${entityType}`), scope: 'organisation' });
  }
  await api(server, sec, 'POST', '/articles', {
    wgId: GROUP,
    format: 'html',
    title: X('article-title'),
    sourceUrl: 'https://news.example/article',
    publishedOn: today,
    text: `<p>Foreign Minister Cho Hyun said: "We will keep sanctions ${PAYLOADS[0]} in place until denuclearization ${PAYLOADS[1]}."</p><script>window.__xss=1</script><img src=x onerror="window.__xss=1">`,
  });
  // The group's and a party's names (party names label the charts and their tooltips).
  // Whoever may change the group's names (its secretariat, or an administrator).
  const statuses: string[] = [];
  for (const who of [sec, admin]) {
    const wg = await api(server, who, 'GET', `/working-groups/${GROUP}`);
    const r = await fetch(`${server.url}/api/working-groups/${GROUP}`, {
      method: 'PATCH',
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': 'application/json', 'if-match': String(wg.version) },
      body: JSON.stringify({ name: X('group'), nameKo: X('group-ko'), mandate: X('mandate'), mandateKo: X('mandate-ko') }),
    });
    statuses.push(`${r.status} ${await r.text()}`);
    if (r.status < 300) break;
  }
  assert.ok(/^2/.test(statuses.at(-1)!), `the group's names: ${statuses.join('; ')}`);
  const kr = await api(server, admin, 'GET', '/parties/KR');
  await api(server, admin, 'PATCH', '/parties/KR', { name: X('party'), nameKo: X('party-ko') }, { 'if-match': String(kr.version) });
  return [
    `/groups/${GROUP}`,
    `/groups/${GROUP}/meetings`,
    `/groups/${GROUP}/meetings/${meeting.id}`,
    `/groups/${GROUP}/positions`,
    `/groups/${GROUP}/statements`,
    `/groups/${GROUP}/documents`,
    `/groups/${GROUP}/documents/${doc.id}`,
    `/groups/${GROUP}/commitments`,
    `/groups/${GROUP}/projects`,
    `/groups/${GROUP}/audit`,
    `/groups/${GROUP}/calendar`,
    `/groups/${GROUP}/alignment`,
    `/groups/${GROUP}/review`,
    `/groups/${GROUP}/discipline`,
    '/',
  ];
}

/** Moves the mouse over a grid of points on every chart canvas, so each tooltip is drawn. */
async function hoverCharts(page: Page): Promise<number> {
  const canvases = page.locator('canvas');
  // Charts load lazily and draw after their data: wait until their number holds still.
  const end = Date.now() + 4000;
  for (let last = -1; Date.now() < end; ) {
    const now = await canvases.count();
    if (now === last && (now > 0 || Date.now() > end - 3400)) break;
    last = now;
    await page.waitForTimeout(300);
  }
  const n = await canvases.count();
  for (let i = 0; i < n; i++) {
    const box = await canvases.nth(i).boundingBox();
    if (!box || box.width < 20 || box.height < 20) continue;
    await canvases.nth(i).scrollIntoViewIfNeeded();
    const b = (await canvases.nth(i).boundingBox())!;
    for (let y = 0.1; y < 1; y += 0.2) for (let x = 0.05; x < 1; x += 0.1) await page.mouse.move(b.x + b.width * x, b.y + b.height * y);
  }
  return n;
}

async function visit(ctx: BrowserContext, server: Server, screens: string[], lang: string): Promise<{ problems: string[]; charts: number; seen: number; perScreen: string[] }> {
  const page = await ctx.newPage();
  const problems: string[] = [];
  page.on('dialog', (d) => {
    problems.push(`${lang} ${page.url()}: a ${d.type()} dialog opened: ${d.message()}`);
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) problems.push(`${lang} ${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${lang} ${page.url()}: page error ${e.message}`));
  await signIn(page, server.url, 'mofa.secretariat@concord.demo');
  let charts = 0;
  let seen = 0;
  const perScreen: string[] = [];
  for (const path of screens) {
    await page.goto(server.url + path);
    await settled(page).catch(() => problems.push(`${lang} ${path}: did not settle`));
    await page.waitForTimeout(150);
    const drawn = await hoverCharts(page);
    if (drawn) perScreen.push(`${path}: ${drawn}`);
    charts += drawn;
    // Who recorded each statement, and each sign-off's signature, are shown (the planted ones too).
    const shows = path.endsWith('/statements') || path.endsWith('/discipline') ? 'recorded-by' : /\/documents\/./.test(path) ? 'signature' : null;
    if (shows) {
      const text = (await page.getByTestId(shows).allInnerTexts()).join(' | ');
      const want =
        shows === 'signature'
          ? lang === 'ko'
            ? /서명됨 — 키 지문 [0-9a-f]{4} /
            : /signed — key fingerprint [0-9a-f]{4} /
          : lang === 'ko'
            ? /기록 기관: 외교부 · 직접 입력/
            : /Recorded by MOFA · entered by hand/;
      if (!want.test(text)) problems.push(`${lang} ${path}: ${shows} not shown as ${want}: ${text.slice(0, 300)}`);
    }
    // The planted text is shown as text.
    seen += await page.getByText(/XSS-/).count();
    const fired = await page.evaluate('window.__xss');
    if (fired !== undefined) problems.push(`${lang} ${path}: window.__xss is ${String(fired)}`);
  }
  await page.close();
  return { problems, charts, seen, perScreen };
}

test('no script from a record: payloads in every text field, every screen in English and Korean, every chart hovered', { skip, timeout: 240_000 }, async (t) => {
  const started = Date.now();
  const server = await startServer();
  t.after(() => server.close());
  const screens = await plant(server);
  const results = [];
  for (const lang of ['en', 'ko']) {
    const ctx = await newContext(browser(), { locale: lang === 'ko' ? 'ko-KR' : 'en-GB' });
    await ctx.addInitScript(`localStorage.setItem('concord.lang', '${lang}');`);
    await ctx.addInitScript(
      `document.addEventListener('securitypolicyviolation', (e) => console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));`,
    );
    try {
      results.push({ lang, ...(await visit(ctx, server, screens, lang)) });
    } finally {
      await ctx.close();
    }
  }
  const problems = results.flatMap((r) => r.problems);
  assert.deepEqual(problems, [], problems.join('\n'));
  for (const r of results) {
    t.diagnostic(`${r.lang}: charts ${r.perScreen.join(', ')}`);
    assert.ok(r.charts >= 3, `${r.lang}: charts were hovered (${r.charts})`);
    assert.ok(r.seen >= 20, `${r.lang}: the planted text is shown as text (${r.seen} places)`);
  }
  t.diagnostic(
    `${screens.length} screens × 2 languages, ${results.map((r) => `${r.lang}: ${r.charts} charts, ${r.seen} payloads shown as text`).join('; ')}, ${Math.round((Date.now() - started) / 1000)} s`,
  );
});
