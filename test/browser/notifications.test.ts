/**
 * Notifications in the browser, against `concord serve` mailing through a real SMTP server that
 * the test starts (smtp-server; mails read back with mailparser):
 * - the settings page (My account → Notification settings): each kind at once, in the digest or
 *   off; the digest's zone and hour; a muted group; saved, kept over a reload, and a save over a
 *   change made elsewhere refused (409) with the way to reload; in English and Korean;
 * - one e-mail of every kind, and a daily digest, in each language, caused through the API by the
 *   changes that cause them, read back from the SMTP server, and shown in Chromium as a reader's
 *   mail client would: docs/screenshots/email-<kind>-<lang>.png.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ParsedMail } from 'mailparser';
import { browserSkip, DEMO_PASSWORD, describeViolations, newContext, screenshot, seriousViolations, settled, setUpBrowser, signIn, startServer, until, watchPage, type Server } from './harness.ts';
import { smtpSink } from '../smtp-sink.ts';
import { NOTIFICATION_KINDS } from '../../src/core/api/notifications.ts';
import { addDays } from '../../src/core/api/discipline-rules.ts';

const skip = browserSkip();
const browser = setUpBrowser(skip);

interface Session {
  cookie: string;
  csrf: string;
}

/** Signs in over HTTP: the cookie and CSRF token for the API calls a test makes as that user. */
async function apiSession(url: string, email: string): Promise<Session> {
  const r = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
  assert.equal(r.status, 200);
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = (await r.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

/** One API call as a signed-in user; the answer's body (JSON or nothing), its status checked. */
async function as(url: string, s: Session, method: string, path: string, body?: unknown, headers: Record<string, string> = {}, expect?: number) {
  const r = await fetch(`${url}/api${path}`, {
    method,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  if (expect !== undefined) assert.equal(r.status, expect, `${method} ${path}: ${text}`);
  else assert.ok(r.status < 300, `${method} ${path}: ${r.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** A zone whose local hour is now about 11, so that a digest hour of 23 there is hours away. */
function zoneAtEleven(): string {
  let x = (11 - new Date().getUTCHours() + 24) % 24;
  if (x > 14) x -= 24;
  return x === 0 ? 'UTC' : `Etc/GMT${x > 0 ? '-' : '+'}${Math.abs(x)}`;
}

describe('notifications: the settings page and the e-mails', { skip }, () => {
  let server: Server;
  let smtp: Awaited<ReturnType<typeof smtpSink>>;
  before(async () => {
    smtp = await smtpSink();
    server = await startServer({
      env: {
        SMTP_URL: smtp.url,
        SMTP_FROM: 'concord@concord.example',
        CONCORD_PUBLIC_URL: 'https://concord.example',
        CONCORD_NOTIFY_EVERY_MS: '200',
        CONCORD_NOTIFY_SCHEDULE_MS: '500',
      },
    });
  });
  after(async () => {
    await server?.close();
    await smtp?.close();
  });

  test('my notification settings: chosen, saved, kept; a save over a change made elsewhere is refused with a way to reload', { timeout: 180_000 }, async () => {
    const ctx = await newContext(browser());
    try {
      const page = await ctx.newPage();
      const problems = watchPage(page);
      const hour = page.locator('input[aria-haspopup="listbox"]').and(page.getByLabel('Hour'));
      const mute = page.locator('input[data-testid="mute-cg-2025"], [data-testid="mute-cg-2025"] input');
      const zone = page.locator('input[aria-haspopup="listbox"]').and(page.getByLabel('Time zone'));
      await signIn(page, server.url, 'state.desk@concord.demo');
      await page.goto(`${server.url}/account`);
      await page.getByRole('link', { name: 'Notification settings' }).click();
      await page.waitForURL((u) => u.pathname === '/settings/notifications');
      await page.getByRole('heading', { name: 'What you are told' }).waitFor();
      const row = (kind: string) => page.getByTestId(`kind-${kind}`);
      await row('meeting_invitation').getByText('Off', { exact: true }).click();
      await row('commitment_disputed').getByText('Daily digest', { exact: true }).click();
      await hour.click();
      await page.getByRole('option', { name: '07:00' }).click();
      await mute.check();
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByText('Settings saved.').waitFor();
      const vs = await seriousViolations(page);
      assert.deepEqual(vs, [], describeViolations(vs));
      await screenshot(page, 'notification-settings-en');

      await page.reload();
      await page.getByRole('heading', { name: 'What you are told' }).waitFor();
      await settled(page);
      assert.equal(await row('meeting_invitation').locator('input[value="off"]').isChecked(), true);
      assert.equal(await row('commitment_disputed').locator('input[value="digest"]').isChecked(), true);
      assert.equal(await mute.isChecked(), true);
      assert.equal(await hour.inputValue(), '07:00');

      // The same account saves elsewhere (another browser); this page's save is then stale.
      const other = await apiSession(server.url, 'state.desk@concord.demo');
      const cur = await as(server.url, other, 'GET', '/notification-settings');
      await as(server.url, other, 'PUT', '/notification-settings', { timezone: 'America/New_York', digestHour: 9, kinds: [], mutedGroupIds: [] }, { 'if-match': String(cur.version) });
      await row('document_adopted').getByText('Off', { exact: true }).click();
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByText(/were changed elsewhere/).waitFor();
      await page.getByRole('button', { name: 'Reload settings' }).click();
      await until(page, `document.querySelector('[data-testid=kind-meeting_invitation] input[value=immediate]')?.checked === true`);
      assert.equal(await hour.inputValue(), '09:00');
      assert.equal(await zone.inputValue(), 'America/New_York');
      assert.deepEqual(problems, []);
    } finally {
      await ctx.close();
    }
  });

  test('the settings page in Korean', { timeout: 120_000 }, async () => {
    const ctx = await newContext(browser(), { locale: 'ko-KR' });
    try {
      const page = await ctx.newPage();
      const problems = watchPage(page);
      await signIn(page, server.url, 'mou.vice@concord.demo');
      await page.goto(`${server.url}/notifications`);
      await page.getByRole('link', { name: '알림 설정' }).click();
      await page.getByRole('heading', { name: '받을 알림' }).waitFor();
      await page.getByTestId('kind-discipline_finding').getByText('즉시', { exact: true }).click();
      await page.getByRole('button', { name: '설정 저장' }).click();
      await page.getByText('설정을 저장했습니다.').waitFor();
      const vs = await seriousViolations(page);
      assert.deepEqual(vs, [], describeViolations(vs));
      await screenshot(page, 'notification-settings-ko');
      assert.deepEqual(problems, []);
    } finally {
      await ctx.close();
    }
  });

  test('one e-mail of every kind, and a digest, in English and Korean', { timeout: 300_000 }, async () => {
    const url = server.url;
    const admin = await apiSession(url, 'admin@concord.demo');
    const users = (await as(url, admin, 'GET', '/users')).items as { id: string; email: string; version: number }[];
    // Korean readers: the Foreign Ministry's secretariat and desk officer.
    for (const email of ['mofa.secretariat@concord.demo', 'mofa.desk@concord.demo']) {
      const u = users.find((x) => x.email === email)!;
      await as(url, admin, 'PATCH', `/users/${u.id}`, { locale: 'ko' }, { 'if-match': String(u.version) });
    }
    const s = Object.fromEntries(
      await Promise.all(['mofa.secretariat', 'mofa.desk', 'mou.desk', 'state.secretariat', 'state.desk', 'nsc.observer'].map(async (k) => [k, await apiSession(url, `${k}@concord.demo`)] as const)),
    ) as Record<string, Session>;
    const choose = async (who: string, delivery: (kind: string) => string, digestHour = 23, timezone = zoneAtEleven()) => {
      const cur = await as(url, s[who], 'GET', '/notification-settings');
      await as(
        url,
        s[who],
        'PUT',
        '/notification-settings',
        { timezone, digestHour, kinds: NOTIFICATION_KINDS.map((kind) => ({ kind, delivery: delivery(kind) })), mutedGroupIds: [] },
        { 'if-match': String(cur.version) },
      );
    };
    for (const who of ['mofa.secretariat', 'mou.desk', 'state.secretariat', 'state.desk']) await choose(who, () => 'immediate');
    // Two readers take digests: the desk officer its reminders (Korean), the analyst everything (English).
    await choose('mofa.desk', (k) => (k === 'commitment_due' || k === 'commitment_overdue' ? 'digest' : 'immediate'));
    await choose('nsc.observer', () => 'digest');

    // Meetings: scheduled, changed, declined by an organisation, cancelled.
    const meeting = await as(url, s['state.secretariat'], 'POST', '/meetings', {
      wgId: 'wg-2018',
      title: 'Working Group plenary on the rail survey',
      titleKo: '철도 공동조사 관련 워킹그룹 전체회의',
      level: 'working',
      format: 'in_person',
      place: 'Ministry of Foreign Affairs, Seoul',
      startsAt: '2027-03-02T10:00:00+09:00',
      endsAt: '2027-03-02T12:00:00+09:00',
      timezone: 'Asia/Seoul',
      invite: ['rok-mofa', 'rok-mou', 'us-state'],
    });
    await as(url, s['state.secretariat'], 'PATCH', `/meetings/${meeting.id}`, { place: 'Embassy of the United States, Seoul' }, { 'if-match': '1' });
    const invited = await as(url, s['mou.desk'], 'GET', `/meetings/${meeting.id}`);
    const reply = (invited.attendance as { organisationId: string; version: number }[]).find((a) => a.organisationId === 'rok-mou')!;
    await as(
      url,
      s['mou.desk'],
      'PUT',
      `/meetings/${meeting.id}/attendance`,
      { organisationId: 'rok-mou', status: 'declined', reason: 'The Ministry holds its own consultation that day' },
      { 'if-match': String(reply.version) },
    );
    const m = await as(url, s['state.secretariat'], 'GET', `/meetings/${meeting.id}`);
    await as(url, s['state.secretariat'], 'POST', `/meetings/${meeting.id}/cancel`, { reason: 'Exemption not yet granted' }, { 'if-match': String(m.version) });

    // Documents: a bracket opened on each government's text, then clean versions (ready), then adoption.
    const clauses = (status: string) => [
      {
        key: '1',
        status,
        textEn: 'The two sides will hold the joint rail survey once the 1718 Committee grants the exemption.',
        textKo: '양측은 1718 위원회의 면제 승인 후 철도 공동조사를 실시한다.',
      },
      { key: '2', status: 'agreed', textEn: 'The Working Group will review progress monthly.', textKo: '워킹그룹은 매월 진행 상황을 점검한다.' },
    ];
    const us = await as(url, s['state.secretariat'], 'POST', '/documents', {
      wgId: 'wg-2018',
      kind: 'joint_fact_sheet',
      title: 'Joint Fact Sheet on the rail survey',
      titleKo: '철도 공동조사 공동 설명자료',
      clauses: clauses('bracketed'),
    });
    const kr = await as(url, s['mofa.secretariat'], 'POST', '/documents', {
      wgId: 'wg-2018',
      kind: 'joint_fact_sheet',
      title: 'Joint press guidance',
      titleKo: '공동 언론 대응 지침',
      clauses: clauses('bracketed'),
    });
    const usV2 = await as(url, s['state.secretariat'], 'POST', `/documents/${us.id}/versions`, { clauses: clauses('agreed') }, { 'if-match': '1' });
    await as(url, s['mofa.secretariat'], 'POST', `/documents/${kr.id}/versions`, { clauses: clauses('agreed') }, { 'if-match': '1' });
    await as(url, s['mofa.secretariat'], 'POST', `/documents/${us.id}/versions/2/sign-off`, { contentHash: usV2.contentHash });
    await as(url, s['state.secretariat'], 'POST', `/documents/${us.id}/versions/2/sign-off`, { contentHash: usV2.contentHash });

    // Commitments: one disputed by the parties' reports, one due in three days, one overdue.
    const today = new Date().toISOString().slice(0, 10);
    const commit = (title: string, titleKo: string, extra: Record<string, unknown>) =>
      as(url, s['mofa.secretariat'], 'POST', '/commitments', { documentId: us.id, clauseKey: '1', title, titleKo, ...extra });
    const disputed = await commit('Exchange the survey teams’ lists', '조사단 명단 교환', { responsibleOrgId: 'rok-mou' });
    await as(url, s['mofa.desk'], 'POST', `/commitments/${disputed.id}/reports`, { status: 'done' });
    await as(url, s['state.desk'], 'POST', `/commitments/${disputed.id}/reports`, { status: 'in_progress', note: 'One list still missing' });
    await commit('Submit the exemption request', '면제 요청서 제출', { responsibleOrgId: 'rok-mofa', dueOn: addDays(today, 3) });
    await commit('Share the survey route', '조사 경로 공유', { responsibleOrgId: 'us-state', dueOn: addDays(today, -2) });

    // Message discipline: the ROK line against a statement of the Unification Ministry.
    const issue = await as(url, s['mofa.secretariat'], 'POST', '/issues', { wgId: 'wg-2018', title: 'Timing of sanctions relief', titleKo: '제재 완화 시기' });
    await as(url, s['mofa.desk'], 'POST', '/positions', { issueId: issue.id, stance: 'oppose', rationale: 'No relief before verified steps', validFrom: '2026-01-01', scope: 'party' });
    await as(url, s['mofa.desk'], 'POST', '/statements', {
      wgId: 'wg-2018',
      saidOn: today,
      medium: 'remarks',
      language: 'ko',
      quote: '제재 완화는 대화를 여는 데 도움이 될 것이다.',
      speakerOrgId: 'rok-mou',
      issues: [{ issueId: issue.id, stance: 'strongly_support' }],
    });

    // What waited for the digests leaves now.
    await choose('mofa.desk', (k) => (k === 'commitment_due' || k === 'commitment_overdue' ? 'digest' : 'immediate'), 0, 'UTC');
    await choose('nsc.observer', () => 'digest', 0, 'UTC');

    const header = (m: ParsedMail, name: string) => String(m.headers.get(name) ?? '');
    const find = (kind: string, lang: string) => smtp.mails.find((m) => header(m, 'x-concord-kind') === kind && header(m, 'content-language') === lang);
    const wanted = [...NOTIFICATION_KINDS, 'digest'].flatMap((kind) => ['en', 'ko'].map((lang) => ({ kind, lang })));
    const deadline = Date.now() + 60_000;
    while (wanted.some((w) => !find(w.kind, w.lang)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    const missing = wanted.filter((w) => !find(w.kind, w.lang)).map((w) => `${w.kind}/${w.lang}`);
    assert.deepEqual(missing, [], `every kind in both languages arrived (${smtp.mails.length} mails)`);

    // Each mail as its reader sees it: the HTML part in a window the width of a mail client's.
    const ctx = await newContext(browser(), { viewport: { width: 720, height: 320 } });
    try {
      const page = await ctx.newPage();
      for (const { kind, lang } of wanted) {
        const mail = find(kind, lang)!;
        assert.ok(typeof mail.html === 'string' && mail.html.includes(`lang="${lang}"`), `${kind}/${lang} has its HTML part`);
        assert.ok(mail.text && mail.text.length > 20, `${kind}/${lang} has its text part`);
        assert.ok((mail.html as string).includes('https://concord.example/'), `${kind}/${lang} links into the app`);
        await page.setContent(mail.html as string, { waitUntil: 'load' });
        await screenshot(page, `email-${kind.replaceAll('_', '-')}-${lang}`);
      }
    } finally {
      await ctx.close();
    }
    // The digests: one a day each, listing what waited.
    const nso = smtp.mails.filter((m) => header(m, 'x-concord-kind') === 'digest' && JSON.stringify(m.to).includes('nsc.observer'));
    assert.equal(nso.length, 1, 'one digest');
    assert.match(nso[0].subject ?? '', /\(\d+\)$/);
    assert.ok((nso[0].text ?? '').includes('New meeting: Working Group plenary on the rail survey'));
    assert.equal(smtp.mails.filter((m) => JSON.stringify(m.to).includes('nsc.observer') && header(m, 'x-concord-kind') !== 'digest').length, 0, 'nothing else mailed to a digest reader');
    assert.deepEqual(server.errors(), []);
  });
});
