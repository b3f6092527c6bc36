/**
 * Never losing typing, through the started server and headless Chromium: two pages of the Foreign
 * Ministry's secretariat edit the record of the same meeting; the second to save gets the conflict
 * panel (its text beside the one saved meanwhile, with a word diff) and keeps its own on top of the
 * other's; an agenda item typed in a dialog survives a reload as a restored draft; Escape
 * with changes asks before discarding; and a refusal by the server is shown in Korean at the field
 * it names, with the focus on it. Run `vite build --config vite.config.ts` first.
 */
import { after, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSkip, browserStores, newContext, printServerLog, settled, setUpBrowser, signIn, startServer, until, watchPage, type Server } from './harness.ts';

const skip = browserSkip();
const browser = setUpBrowser(skip);

const MEETING = '/groups/wg-2018/meetings/m-2019-01-17';
const SECRETARIAT = 'mofa.secretariat@concord.demo';

for (const store of browserStores()) {
  const on = store === 'sqlite' ? '' : ` [${store}]`;
  let shared: Promise<Server> | undefined;
  const server = () => {
    shared ??= startServer({ store });
    return shared;
  };
  after(async () => {
    await (await shared?.catch(() => undefined))?.close();
  });

  async function open(t: TestContext, email: string, locale?: string): Promise<{ page: Page; errors: string[]; url: string }> {
    const s = await server();
    const ctx = await newContext(browser(), { locale });
    t.after(() => ctx.close());
    printServerLog(t, s);
    const page = await ctx.newPage();
    const errors = watchPage(page);
    await signIn(page, s.url, email);
    return { page, errors, url: s.url };
  }

  const visit = async (page: Page, url: string, path: string) => {
    await page.goto(url + path);
    await settled(page);
  };

  const openMinutes = async (page: Page) => {
    await page.getByRole('button', { name: 'Manage' }).click();
    await page.getByRole('menuitem', { name: 'Edit minutes and outcome' }).click();
    const dialog = page.getByRole('dialog', { name: 'Minutes and outcome' });
    await dialog.waitFor();
    return dialog;
  };

  describe(`never lose typing${on}`, { skip }, () => {
    test(`a stale save shows the conflict panel with a diff, and "keep mine" saves on top of theirs${on}`, { skip }, async (t) => {
      const a = await open(t, SECRETARIAT);
      const b = await open(t, SECRETARIAT);
      await visit(a.page, a.url, MEETING);
      await visit(b.page, b.url, MEETING);
      // Both open the record as it is now.
      const mine = await openMinutes(a.page);
      const theirs = await openMinutes(b.page);
      // The other writer saves an outcome first.
      await theirs.getByLabel('Outcome (English)').fill('Both sides agreed to meet again in January.');
      await theirs.getByTestId('minutes-form-submit').click();
      await theirs.waitFor({ state: 'detached' });
      // This page, still on the old version, saves its minutes: 409, and the conflict panel.
      await mine.getByLabel('Minutes').fill('Opening remarks by both heads of delegation. Review of the sanctions exemption.');
      await mine.getByTestId('minutes-form-submit').click();
      const panel = mine.getByTestId('conflict-panel');
      await panel.waitFor();
      await panel.locator('[data-conflict-field="minutes"]').waitFor();
      await panel.locator('[data-conflict-field="outcome"]').waitFor();
      assert.match((await panel.locator('[data-conflict-field="minutes"] [data-testid="conflict-mine"]').textContent()) ?? '', /Review of the sanctions exemption/);
      assert.match((await panel.locator('[data-conflict-field="outcome"] [data-testid="conflict-theirs"]').textContent()) ?? '', /meet again in January/);
      assert.ok((await panel.locator('[data-conflict-field="minutes"] ins').count()) > 0, 'the diff marks what the user adds');
      // The text the user typed is still in the form.
      assert.match(await mine.getByLabel('Minutes').inputValue(), /sanctions exemption/);
      await panel.getByTestId('conflict-keep-mine').click();
      await mine.waitFor({ state: 'detached' });
      // Both texts are on record: the other writer's outcome and this page's minutes.
      await a.page
        .getByText(/Review of the sanctions exemption/)
        .first()
        .waitFor();
      await visit(b.page, b.url, MEETING);
      await b.page
        .getByText(/Review of the sanctions exemption/)
        .first()
        .waitFor();
      await b.page.getByText('Both sides agreed to meet again in January.').first().waitFor();
      assert.deepEqual(
        a.errors.filter((e) => !/409/.test(e)),
        [],
      );
      assert.deepEqual(b.errors, []);
    });

    test(`a project's date moved meanwhile: the conflict panel, and "keep mine" moves it again with the user's reason${on}`, { skip }, async (t) => {
      const a = await open(t, SECRETARIAT);
      const b = await open(t, SECRETARIAT);
      const openReschedule = async (page: Page, url: string) => {
        await visit(page, url, '/groups/wg-2018/projects');
        await page.locator('[data-project="p-tamiflu"]').click();
        await page.getByTestId('reschedule').click();
        const dialog = page.getByRole('dialog', { name: 'Move the planned date' });
        await dialog.waitFor();
        return dialog;
      };
      const mine = await openReschedule(a.page, a.url);
      const theirs = await openReschedule(b.page, b.url);
      await theirs.getByLabel('Reason').fill('The survey team awaits the exemption.');
      await theirs.getByTestId('reschedule-form-submit').click();
      await theirs.waitFor({ state: 'detached' });
      await mine.getByLabel('Reason').fill('Moved again after the working group met.');
      await mine.getByTestId('reschedule-form-submit').click();
      const panel = mine.getByTestId('conflict-panel');
      await panel.waitFor();
      assert.match(await mine.getByLabel('Reason').inputValue(), /after the working group met/, 'the typed reason is still in the form');
      await panel.getByTestId('conflict-keep-mine').click();
      await mine.waitFor({ state: 'detached' });
      // Both moves are in the project's record of postponements.
      await a.page.getByText('Moved again after the working group met.').first().waitFor();
      await a.page.getByText('The survey team awaits the exemption.').first().waitFor();
      assert.deepEqual(
        a.errors.filter((e) => !/409/.test(e)),
        [],
      );
      assert.deepEqual(b.errors, []);
    });

    test(`an agenda item typed in its dialog survives a reload; Escape with changes asks first${on}`, { skip }, async (t) => {
      const { page, errors, url } = await open(t, SECRETARIAT);
      await visit(page, url, MEETING);
      const addItem = async () => {
        await page.getByTestId('add-agenda').click();
        const d = page.getByTestId('agenda-form');
        await d.waitFor();
        return d;
      };
      let dialog = await addItem();
      const notes = 'Ask the other side for the survey schedule before the exemption request goes to the 1718 Committee.';
      await dialog.getByLabel(/^Title \(English\)/).fill('Survey schedule');
      await dialog.getByLabel(/^Notes/).fill(notes);
      // Escape with changes asks, and keeping them keeps the text.
      await page.keyboard.press('Escape');
      await dialog.getByTestId('discard-confirm').waitFor();
      await dialog.getByRole('button', { name: 'Keep editing' }).click();
      assert.equal(await dialog.getByLabel(/^Notes/).inputValue(), notes);
      // The draft is kept in the tab while typing: a reload loses nothing.
      await until(page, `Object.keys(sessionStorage).some((k) => k.includes('agenda.add:m-2019-01-17'))`);
      await page.reload();
      await settled(page);
      dialog = await addItem();
      await dialog.getByTestId('draft-restored').waitFor();
      assert.equal(await dialog.getByLabel(/^Notes/).inputValue(), notes);
      assert.equal(await dialog.getByLabel(/^Title \(English\)/).inputValue(), 'Survey schedule');
      // Discarding the draft empties the form and the tab's copy.
      await dialog.getByTestId('draft-discard').click();
      assert.equal(await dialog.getByLabel(/^Notes/).inputValue(), '');
      assert.equal(await page.evaluate(`Object.keys(sessionStorage).filter((k) => k.includes('agenda.add')).length`), 0);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      assert.deepEqual(errors, []);
    });

    test(`a refusal by the server is shown in Korean at the field it names${on}`, { skip }, async (t) => {
      const { page, url } = await open(t, SECRETARIAT, 'ko-KR');
      await visit(page, url, '/groups/wg-2018/projects');
      assert.equal(await page.evaluate('document.documentElement.lang'), 'ko');
      // The first project this secretariat may move on.
      const projects = page.locator('[data-project]');
      await projects.first().waitFor();
      const n = await projects.count();
      let found = false;
      for (let i = 0; i < n && !found; i++) {
        await projects.nth(i).click();
        const detail = page.getByTestId('project-detail');
        await detail.waitFor();
        found = (await detail.getByTestId('change-stage').count()) > 0;
      }
      assert.ok(found, 'a project the secretariat may move');
      await page.getByTestId('project-detail').getByTestId('change-stage').click();
      const dialog = page.getByTestId('stage-form');
      await dialog.waitFor();
      // A date before the project's previous stage event, typed in ISO form: the server refuses it.
      const date = dialog.locator('input[data-field="occurredOn"]');
      await date.fill('1950-01-01');
      await dialog.getByLabel(/^사유/).fill('이전 단계보다 앞선 날짜');
      await dialog.getByTestId('stage-form-submit').click();
      await dialog.getByText('이 날짜는 그보다 뒤여야 하는 날짜보다 앞섭니다.').waitFor();
      await until(page, `document.activeElement?.getAttribute('data-field') === 'occurredOn'`);
      assert.equal(await date.getAttribute('aria-invalid'), 'true');
      // The date reads in the Korean order once the field is left.
      await date.blur();
      assert.match(await date.inputValue(), /^1950\. 1\. 1\.$/);
    });
  });
}
