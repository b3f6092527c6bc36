/**
 * Creating the record from the web app, through the started server (`concord serve
 * --demo-if-empty`) and headless Chromium: the Foreign Ministry's secretariat of wg-2018, in
 * English, creates an issue (and one internal to the ROK government), a joint document with a
 * bracketed clause, resolves the bracket in version 2, records a commitment from a clause and one
 * from a meeting, proposes a project and moves it through its sanctions exemption naming the UN
 * Security Council 1718 Committee, and puts an agenda item tied to the new issue and a lead
 * organisation on a meeting; a Foreign Ministry desk officer, in Korean, records a statement on
 * the new issue (internal to the ROK government) and proposes a project; the State Department's
 * secretariat then sees the shared records and none of the ROK-internal ones. Every dialog
 * checks its fields before sending, focuses the first one to fix, and asks before discarding.
 * Run `vite build --config vite.config.ts` first.
 */
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import {
  browserSkip,
  browserStores,
  describeViolations,
  seriousViolations,
  newContext,
  printServerLog,
  screenshot as shoot,
  settled,
  setUpBrowser,
  signIn,
  startServer,
  watchPage,
  type Server,
} from './harness.ts';

const skip = browserSkip();
const browser = setUpBrowser(skip);

const ISSUE = 'Follow-up survey of the western rail line';
const ISSUE_KO = '서해선 철도 후속 공동조사';
const INTERNAL_ISSUE = 'ROK internal: sequencing of the survey request';
const DOC = 'Joint statement on the rail survey follow-up';
const BRACKETED_US = 'The survey shall proceed once the 1718 Committee grants the exemption.';
const BRACKETED_KR = 'The survey shall proceed as soon as practicable.';
const COMMITMENT = 'Submit the joint exemption request for the survey equipment';
const MEETING_COMMITMENT = 'Share the survey schedule with the other side';
const PROJECT = 'Western line follow-up survey';
const AGENDA = 'Rail survey follow-up: exemption request';
const STATEMENT_KO = '서해선 후속 조사는 남북 협력의 출발점이 될 것이다.';
const PROJECT_KO = '동해선 도로 공동 점검';

/** Opens a Mantine select by its label and picks the option. */
async function choose(page: Page, scope: Locator, label: string | RegExp, option: string | RegExp, search?: string) {
  const input = scope.getByRole('textbox', { name: label });
  await input.click();
  if (search) await input.fill(search);
  const opt = page.getByRole('option', { name: option, exact: typeof option === 'string' });
  await opt.first().waitFor();
  await opt.first().click();
}

/** A label as the start of the field's name (a required field's label ends with its asterisk). */
const labelled = (label: string | RegExp) => (typeof label === 'string' ? new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) : label);

/** Fills a labelled field of the dialog. */
const fill = (scope: Locator, label: string | RegExp, value: string) => scope.getByLabel(labelled(label)).first().fill(value);

/** The element that has the focus: its name attribute. */
const focusedNow = (page: Page) => page.evaluate(`document.activeElement?.getAttribute('name') ?? document.activeElement?.getAttribute('data-field') ?? ''`);

/**
 * The field that has the focus, once it has settled: the dialog moves the focus in an effect after
 * the error renders, which on a loaded machine can come a frame or two after the message appears.
 */
async function focused(page: Page, want?: string): Promise<unknown> {
  let now = await focusedNow(page);
  for (let i = 0; i < 40 && want !== undefined && now !== want; i++) {
    await page.waitForTimeout(50);
    now = await focusedNow(page);
  }
  return now;
}

for (const store of browserStores()) {
  const screenshot = store === 'sqlite' ? shoot : async (_page: Page, _name: string) => {};
  const on = store === 'sqlite' ? '' : ` [${store}]`;

  describe(`creating the record from the web app${on}`, { skip }, () => {
    let server: Server;
    before(async () => {
      if (!skip) server = await startServer({ store });
    });
    after(async () => {
      await server?.close();
    });

    async function session(t: TestContext, email: string, locale?: string) {
      const ctx = await newContext(browser(), { locale });
      t.after(() => ctx.close());
      printServerLog(t, server);
      const page = await ctx.newPage();
      const errors = watchPage(page);
      await signIn(page, server.url, email);
      return { page, errors };
    }
    const visit = async (page: Page, path: string) => {
      await page.goto(server.url + path);
      await settled(page);
    };

    test(`the Foreign Ministry secretariat creates the group's record, in English${on}`, { skip }, async (t) => {
      const { page, errors } = await session(t, 'mofa.secretariat@concord.demo');

      // 1. An issue, where issues are listed. An empty title is refused before sending, with
      //    the focus on it; closing with unsaved changes asks first.
      await visit(page, '/groups/wg-2018/positions');
      await page.getByTestId('new-issue').click();
      let dialog = page.getByRole('dialog');
      await dialog.getByTestId('new-issue-form-submit').click();
      await dialog.getByText('Required').first().waitFor();
      assert.equal(await focused(page, 'title'), 'title', 'the first invalid field has the focus');
      await fill(dialog, 'Title (English)', ISSUE);
      await page.keyboard.press('Escape');
      await dialog.getByTestId('discard-confirm').waitFor();
      await dialog.getByRole('button', { name: 'Keep editing' }).click();
      assert.equal(await dialog.getByLabel(labelled('Title (English)')).inputValue(), ISSUE, 'keeping on keeps what was typed');
      await fill(dialog, 'Title (Korean)', ISSUE_KO);
      assert.equal(await dialog.getByLabel(labelled('Title (English)')).getAttribute('maxlength'), '1000', "the schema's limit");
      await choose(page, dialog, 'Track', /.+/);
      await fill(dialog, 'Description', 'Whether and when to resurvey the western line after the 2018 joint survey.');
      await dialog.getByTestId('new-issue-form-submit').click();
      await dialog.waitFor({ state: 'detached' });
      await page.locator('[data-testid="positions-table"] tr', { hasText: ISSUE }).waitFor();

      // The discard question also guards Cancel; discarding closes without creating anything.
      await page.getByTestId('new-issue').click();
      dialog = page.getByRole('dialog');
      await fill(dialog, 'Title (English)', 'Not to be kept');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.getByRole('button', { name: 'Discard changes' }).click();
      await dialog.waitFor({ state: 'detached' });
      assert.equal(await page.locator('tr', { hasText: 'Not to be kept' }).count(), 0);

      // An issue internal to the ROK government.
      await page.getByTestId('new-issue').click();
      dialog = page.getByRole('dialog');
      await fill(dialog, 'Title (English)', INTERNAL_ISSUE);
      await choose(page, dialog, 'Who may see it', 'Own government');
      await dialog.getByTestId('new-issue-form-submit').click();
      await dialog.waitFor({ state: 'detached' });
      await page.locator('[data-testid="positions-table"] tr', { hasText: INTERNAL_ISSUE }).waitFor();

      // 2. A joint document: an agreed clause and a bracketed one with each party's wording.
      await visit(page, '/groups/wg-2018/documents');
      await page.getByTestId('new-document').click();
      dialog = page.getByRole('dialog');
      await fill(dialog, 'Title (English)', DOC);
      await fill(dialog, 'Title (Korean)', '철도 조사 후속 조치에 관한 공동 발표문');
      const first = dialog.locator('[data-clause-index="0"]');
      await fill(first, 'English text', 'The two sides reviewed the results of the 2018 joint rail survey.');
      await fill(first, 'Korean text', '양측은 2018년 철도 공동조사 결과를 검토하였다.');
      await dialog.getByTestId('add-clause').click();
      const second = dialog.locator('[data-clause-index="1"]');
      await second.getByText('bracketed', { exact: true }).click();
      await fill(second, 'English text', 'The survey shall proceed [timing to be agreed].');
      await second.getByTestId('add-alternative').click();
      await second.getByTestId('add-alternative').click();
      const alts = second.locator('[data-alternative]');
      assert.equal(await alts.count(), 2, 'one wording for each party of the group');
      await choose(page, alts.nth(0), 'Wording of', 'Republic of Korea');
      await choose(page, alts.nth(1), 'Wording of', 'United States');
      await fill(alts.nth(0), 'Alternative (English)', BRACKETED_KR);
      await fill(alts.nth(0), 'Alternative (Korean)', '조사는 가능한 한 조속히 진행한다.');
      await fill(alts.nth(1), 'Alternative (English)', BRACKETED_US);
      await screenshot(page, 'create-document');
      const v = await seriousViolations(page);
      assert.equal(v.length, 0, describeViolations(v));
      await dialog.getByTestId('new-document-form-submit').click();
      await page.waitForURL(/\/groups\/wg-2018\/documents\/[^/]+$/);
      await settled(page);
      await page.locator('[data-testid="clauses"] tr[data-status="bracketed"]').waitFor();
      assert.equal(await page.locator('[data-alternatives] [style*="border-left"]').count(), 2);

      // Resolving the bracket is a new version: accept the United States' wording.
      await page.getByTestId('new-version').click();
      const editor = page.getByRole('dialog');
      await editor.getByRole('button', { name: /Accept United States's wording/ }).click();
      await editor.getByLabel('What changed').fill('Survey timing agreed');
      await editor.getByTestId('submit-version').click();
      await editor.waitFor({ state: 'detached' });
      await page.locator('[data-testid="clauses"] tr[data-status="bracketed"]').waitFor({ state: 'detached' });
      assert.match(await page.getByTestId('clauses').innerText(), /1718 Committee grants the exemption/);

      // 3. A commitment from a clause of the latest text.
      await page.locator('tr[data-clause="2"]').getByTestId('commit-from-clause').click();
      dialog = page.getByRole('dialog');
      await dialog.getByTestId('commitment-source').waitFor();
      await fill(dialog, 'What was committed (English)', COMMITMENT);
      await fill(dialog, 'What was committed (Korean)', '조사 장비에 대한 공동 면제 신청서 제출');
      await choose(page, dialog, 'Owed by', 'Republic of Korea');
      await choose(page, dialog, 'Owner organisation', /Ministry of Foreign Affairs/);
      await fill(dialog, 'Due date', '2026-09-30');
      await dialog.getByTestId('new-commitment-form-submit').click();
      await dialog.waitFor({ state: 'detached' });
      await page.locator('tr[data-clause="2"] [data-testid="clause-commitments"][data-count="1"]').waitFor();
      await visit(page, '/groups/wg-2018/commitments');
      await page.locator('[data-testid="commitments-table"] tr', { hasText: COMMITMENT }).waitFor();

      // 4. A project, moved through its sanctions exemption with the deciding authority.
      await visit(page, '/groups/wg-2018/projects');
      await page.getByTestId('new-project').click();
      dialog = page.getByRole('dialog', { name: 'Propose a cooperation project' });
      await fill(dialog, 'Name (English)', PROJECT);
      await fill(dialog, 'Name (Korean)', '서해선 후속 조사');
      await dialog.getByTestId('new-project-form-submit').click();
      await dialog.waitFor({ state: 'detached' });
      const detail = page.getByTestId('project-detail');
      await detail.waitFor();
      const move = async (stage: string, authority?: string) => {
        await detail.getByTestId('change-stage').click();
        const d = page.getByRole('dialog', { name: 'Move to another stage' });
        await choose(page, d, 'New stage', stage);
        if (authority) {
          await choose(page, d, 'Deciding authority', new RegExp(authority), authority);
          await choose(page, d, 'Date is in', 'America/New_York');
        }
        await fill(d, 'Reason', `${stage}: recorded by the secretariat`);
        await d.getByTestId('stage-form-submit').click();
        await d.waitFor({ state: 'detached' });
        await detail.getByText(stage, { exact: true }).first().waitFor();
      };
      // The server's 400 is shown at the field it names, with the focus on it.
      await detail.getByTestId('change-stage').click();
      const early = page.getByRole('dialog', { name: 'Move to another stage' });
      await fill(early, 'Date', '2000-01-01');
      await fill(early, 'Reason', 'Dated before the proposal');
      await early.getByTestId('stage-form-submit').click();
      await early.getByText('This date comes before the one it must follow.').waitFor();
      assert.equal(await focused(page, 'occurredOn'), 'occurredOn');
      await early.getByRole('button', { name: 'Cancel' }).click();
      await early.getByRole('button', { name: 'Discard changes' }).click();
      await early.waitFor({ state: 'detached' });
      await move('Group review');
      await move('Exemption requested', '1718 Committee');
      await move('Exemption granted', '1718 Committee');
      const timeline = await detail.innerText();
      assert.match(timeline, /Exemption granted/);
      assert.equal((timeline.match(/resolution 1718/g) ?? []).length, 2, 'the authority named on the request and on the decision');
      await screenshot(page, 'create-project-stages');
      await page.keyboard.press('Escape');
      await page.locator('[data-testid="pipeline"] [role="listitem"][aria-label="Exemption granted"]', { hasText: PROJECT }).waitFor();

      // 5. An agenda item tied to the new issue, with a lead organisation; and a commitment from the meeting.
      await visit(page, '/groups/wg-2018/meetings/m-2019-01-17');
      await page.getByTestId('add-agenda').click();
      dialog = page.getByRole('dialog');
      await fill(dialog, 'Title (English)', AGENDA);
      await choose(page, dialog, 'Issue', new RegExp(ISSUE), 'western rail');
      await choose(page, dialog, 'Lead organisation', /Ministry of Foreign Affairs/, 'Foreign');
      await dialog.getByTestId('agenda-form-submit').click();
      await dialog.waitFor({ state: 'detached' });
      const item = page.locator('[data-agenda-item]', { hasText: AGENDA });
      await item.waitFor();
      assert.match(await item.getByTestId('agenda-issue').innerText(), new RegExp(ISSUE));
      assert.match(await item.getByTestId('agenda-lead').innerText(), /MOFA/);
      // Changing it keeps the issue and lead.
      await item.getByRole('button', { name: /^Edit/ }).click();
      dialog = page.getByRole('dialog', { name: 'Change agenda item' });
      await fill(dialog, 'Notes', 'Exemption request to be tabled jointly.');
      await dialog.getByTestId('agenda-form-submit').click();
      await dialog.waitFor({ state: 'detached' });
      await item.getByText('Exemption request to be tabled jointly.').waitFor();

      await page.getByTestId('commit-from-meeting').click();
      dialog = page.getByRole('dialog');
      await fill(dialog, 'What was committed (English)', MEETING_COMMITMENT);
      await dialog.getByTestId('new-commitment-form-submit').click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByTestId('meeting-commitments').getByText(MEETING_COMMITMENT).waitFor();
      await screenshot(page, 'create-agenda');
      assert.deepEqual(errors, []);
    });

    test(`a Foreign Ministry desk officer records a statement and proposes a project, in Korean${on}`, { skip }, async (t) => {
      const { page, errors } = await session(t, 'mofa.desk@concord.demo', 'ko-KR');
      await visit(page, '/groups/wg-2018/statements');
      assert.equal(await page.evaluate('document.documentElement.lang'), 'ko');
      await page.getByTestId('new-statement').click();
      let dialog = page.getByRole('dialog');
      // The source is required and must be a web address: refused before sending, focus on it.
      await fill(dialog, '발언 내용', STATEMENT_KO);
      await choose(page, dialog, '언어', '한국어');
      await dialog.getByText('기관 명의', { exact: true }).click();
      await choose(page, dialog, '소속 기관', /외교부/, '외교부');
      await fill(dialog, '출처 주소', 'not a web address');
      await dialog.getByTestId('new-statement-form-submit').click();
      await dialog.getByText(/http:\/\/ 또는 https:\/\//).waitFor();
      assert.equal(await focused(page, 'sourceUrl'), 'sourceUrl');
      await fill(dialog, '출처 주소', 'https://www.mofa.go.kr/www/brd/m_4080/view.do?seq=1');
      await choose(page, dialog, '관련 의제', new RegExp(ISSUE_KO), '서해선');
      await page.keyboard.press('Escape'); // closes the option list, not the dialog
      await choose(page, dialog, '공개 범위', '자국 정부 한정');
      await dialog.getByTestId('new-statement-form-submit').click();
      await dialog.waitFor({ state: 'detached' });
      const card = page.locator('[data-testid="statements-feed"] article', { hasText: STATEMENT_KO });
      await card.waitFor();
      assert.match(await card.innerText(), new RegExp(ISSUE_KO));

      // A member proposes a project for their own organisation.
      await visit(page, '/groups/wg-2018/projects');
      await page.getByTestId('new-project').click();
      dialog = page.getByRole('dialog', { name: '협력 사업 제안' });
      await fill(dialog, '사업명(영문)', 'Joint inspection of the eastern road');
      await fill(dialog, '사업명(국문)', PROJECT_KO);
      await dialog.getByTestId('new-project-form-submit').click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByTestId('project-detail').waitFor();
      await page.keyboard.press('Escape');
      await page.locator('[data-testid="pipeline"] [role="listitem"][aria-label="제안"]', { hasText: PROJECT_KO }).waitFor();
      await screenshot(page, 'create-statement-ko');
      assert.deepEqual(errors, []);
    });

    test(`the State Department's secretariat sees the shared records and none of the ROK-internal ones${on}`, { skip }, async (t) => {
      const { page, errors } = await session(t, 'state.secretariat@concord.demo');
      await visit(page, '/groups/wg-2018/positions');
      await page.locator('[data-testid="positions-table"] tr', { hasText: ISSUE }).waitFor();
      assert.equal(await page.locator('tr', { hasText: INTERNAL_ISSUE }).count(), 0, 'the ROK-internal issue stays on the ROK side');

      await visit(page, '/groups/wg-2018/documents');
      await page.getByTestId('documents-table').getByText(DOC).click();
      await settled(page);
      assert.match(await page.getByTestId('clauses').innerText(), /1718 Committee grants the exemption/);

      await visit(page, '/groups/wg-2018/commitments');
      await page.locator('[data-testid="commitments-table"] tr', { hasText: COMMITMENT }).waitFor();
      await page.locator('[data-testid="commitments-table"] tr', { hasText: MEETING_COMMITMENT }).waitFor();

      await visit(page, '/groups/wg-2018/projects');
      await page.locator('[data-testid="pipeline"]', { hasText: PROJECT }).waitFor();

      await visit(page, '/groups/wg-2018/meetings/m-2019-01-17');
      await page.locator('[data-agenda-item]', { hasText: AGENDA }).waitFor();

      await visit(page, '/groups/wg-2018/statements');
      await page.getByTestId('statements-feed').waitFor();
      assert.equal(await page.locator('article', { hasText: STATEMENT_KO }).count(), 0, 'the ROK-internal statement stays on the ROK side');
      // Nor through the API: the lists answer without them.
      const lists = await page.evaluate(`Promise.all(['/api/issues?wgId=wg-2018&limit=1000', '/api/statements?wgId=wg-2018&limit=500'].map((u) => fetch(u).then((r) => r.text())))`);
      assert.doesNotMatch(String(lists), new RegExp(INTERNAL_ISSUE));
      assert.doesNotMatch(String(lists), new RegExp(STATEMENT_KO));
      assert.deepEqual(errors, []);
    });
  });
}
