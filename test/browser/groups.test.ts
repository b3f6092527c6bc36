/**
 * Running a group from the web app, with two parties deciding together: the Foreign Ministry's
 * secretariat (in English) proposes a group with the State Department; the State secretariat (in
 * Korean) accepts it, and the group is established for both; then the Foreign Ministry proposes
 * that the Department of Defense take part, which changes nothing until the State secretariat
 * approves it. Through the started server (`concord serve --demo-if-empty`) and the built app.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSkip, browserStores, newContext, printServerLog, screenshot, setUpBrowser, settled, signIn, startServer, watchPage } from './harness.ts';

const skip = browserSkip();
const browser = setUpBrowser(skip);

const MOFA = 'mofa.secretariat@concord.demo';
const STATE = 'state.secretariat@concord.demo';

/**
 * Opens a select and picks an option. The options come from reference data the dialog may still be
 * loading on a busy machine, and a click on an empty select opens nothing: click again until the
 * option shows (up to 20 s).
 */
async function pick(page: Page, inputTestId: string, option: RegExp) {
  const wanted = page.getByRole('option', { name: option }).first();
  for (let i = 0; ; i++) {
    await page.getByTestId(inputTestId).click({ force: true });
    try {
      await wanted.waitFor({ state: 'visible', timeout: 2_000 });
      break;
    } catch (e) {
      if (i >= 9) throw e;
    }
  }
  await wanted.click();
}

for (const store of browserStores()) {
  const on = store === 'sqlite' ? '' : ` [${store}]`;
  describe(`founding and running a group of two parties${on}`, () => {
    test('proposed by the Foreign Ministry, accepted by the State Department; a member change approved by both', { skip, timeout: 180_000 }, async (t) => {
      const server = await startServer({ store });
      t.after(() => server.close());
      printServerLog(t, server);
      const en = await newContext(browser(), { locale: 'en-GB' });
      const ko = await newContext(browser(), { locale: 'ko-KR' });
      t.after(() => Promise.all([en.close(), ko.close()]));
      const mofa = await en.newPage();
      const state = await ko.newPage();
      const errors = [...[mofa, state].map(watchPage)];

      // The Foreign Ministry's secretariat proposes the group.
      await signIn(mofa, server.url, MOFA);
      await mofa.getByTestId('new-group').click();
      await mofa.getByTestId('group-name').fill('ROK-US Coordination Forum');
      await mofa.getByLabel('Name (Korean)').fill('한미 조정 포럼');
      await pick(mofa, 'group-parties', /^United States$/);
      await mofa.getByText(/proposed: it is established when every other party has accepted/).waitFor();
      await mofa.getByTestId('new-member-us-state').getByText('Member', { exact: true }).click();
      await mofa.getByLabel('Cadence').fill('Monthly, alternating capitals');
      await mofa.getByLabel('Mandate (English)').fill('Coordinate the follow-up of the joint fact sheet');
      await mofa.getByLabel('Mandate (Korean)').fill('공동 설명자료 후속 조치 조율');
      await mofa.getByRole('button', { name: 'Add track' }).click();
      await mofa.getByLabel('Track name (English)').fill('Humanitarian cooperation');
      await mofa.getByLabel('Track name (Korean)').fill('인도적 협력');
      await mofa.getByTestId('submit-group').click();
      await mofa.waitForURL(/\/groups\/[^/]+\/settings$/, { timeout: 15_000 });
      const wgId = new URL(mofa.url()).pathname.split('/')[2];
      const proposals = mofa.getByTestId('group-proposals');
      await proposals.getByText('Found the working group “ROK-US Coordination Forum”').waitFor();
      assert.equal(await proposals.getByTestId('proposal-status').first().textContent(), 'Open');
      await mofa.getByText('Humanitarian cooperation').or(mofa.locator('input[value="Humanitarian cooperation"]')).first().waitFor();
      await screenshot(mofa, 'group-settings-proposed');

      // The State Department's secretariat, in Korean, accepts it from the groups page.
      await signIn(state, server.url, STATE);
      const awaiting = state.getByTestId('proposals-awaiting');
      await awaiting.getByText('실무그룹 “한미 조정 포럼” 설립').waitFor();
      await awaiting.getByTestId('approve-proposal').click();
      await awaiting.waitFor({ state: 'detached', timeout: 15_000 });
      const stateCard = state.getByTestId(`group-${wgId}`);
      await stateCard.getByText('운영 중').waitFor();
      await stateCard.getByText('사무국').waitFor();

      // Established for the Foreign Ministry too.
      await mofa.goto(server.url);
      await mofa.getByTestId(`group-${wgId}`).getByText('Active').waitFor();

      // The Foreign Ministry proposes that the Department of Defense (a US ministry) take part.
      await mofa.goto(`${server.url}/groups/${wgId}/settings`);
      await settled(mofa);
      await pick(mofa, 'add-member-org', /Department of Defense/);
      await mofa.getByTestId('add-member').click();
      await mofa.getByTestId('proposed-notice').waitFor();
      await proposals.getByText('Department of Defense takes part in “ROK-US Coordination Forum” as: Member').waitFor();
      assert.equal(await mofa.getByTestId('member-us-dod').count(), 0, 'nothing changes before the US approves');

      // The State secretariat approves it on the group's settings page.
      await state.goto(`${server.url}/groups/${wgId}/settings`);
      const stateProposals = state.getByTestId('group-proposals');
      await stateProposals.getByText('미 국방부의 “한미 조정 포럼” 참여 방식: 회원').waitFor();
      await stateProposals.getByTestId('approve-proposal').click();
      await state.getByTestId('member-us-dod').waitFor({ timeout: 15_000 });
      await stateProposals.getByText('적용됨').first().waitFor();
      await screenshot(state, 'group-settings-ko');

      await mofa.reload();
      await mofa.getByTestId('member-us-dod').waitFor();
      assert.deepEqual(errors.flat(), []);
    });
  });
}
