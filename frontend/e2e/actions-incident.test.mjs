// Action items on an incident, end to end through the real Go code: add two
// actions with the keyboard, mark one done with its key, edit the other and
// see its history, be refused a javascript: tracker link, then start again on
// the same database with the clock moved five days on and find the second
// action overdue, in the sidebar and on the Actions tab.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createIncident, eventually, saveSettings, screenshot, startApp } from './harness.mjs';

const ZONE = 'Europe/Berlin';

/** The calendar date (YYYY-MM-DD) n days after today in ZONE. */
function dayFromToday(n) {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    Date.now(),
  );
  return new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Days from date a to date b. */
const daysBetween = (a, b) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

const row = (page, ref) => page.locator(`[role="option"][data-ref="${ref}"]`);

async function getAction(page, ref) {
  return page.evaluate((r) => window.go.app.ActionsAPI.Get(r), ref);
}

/** Saves the editor with Ctrl+Enter and waits for the toast. */
async function saveEditor(page, ref) {
  await page.keyboard.press('Control+Enter');
  await page.getByText(`${ref} saved`).first().waitFor();
}

test('actions on an incident: add, done, edit with history, bad link, overdue after the date', { timeout: 900_000 }, async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hindsight-actions-e2e-'));
  const dbPath = path.join(dir, 'actions.db');
  const dueSoon = dayFromToday(3);
  let app = await startApp({ dbPath });
  try {
    let page = await app.newPage();
    await saveSettings(page, { zone: ZONE });
    const inc = await createIncident(page, { title: 'Checkout returns 502 for EU customers', zone: ZONE });
    await page.close();
    page = await app.newPage();
    const line = page.getByLabel('Add an action', { exact: true });

    await t.test('the empty Actions tab teaches what a good action is', async () => {
      await page.getByRole('link', { name: inc.title }).click();
      await page.getByRole('tab', { name: 'Actions' }).click();
      await page.getByRole('heading', { name: 'No actions yet' }).waitFor();
      await page.getByText('measurable', { exact: true }).waitFor();
    });

    await t.test('a and Enter add two actions with the defaults', async () => {
      await page.locator('body').click({ position: { x: 600, y: 700 } });
      await page.keyboard.press('a');
      await eventually(() => line.evaluate((el) => el === document.activeElement), 'a to focus the add line');
      await page.keyboard.type('Roll back the EU load balancer config automatically');
      await page.keyboard.press('Enter');
      await row(page, 'ACT-0001').waitFor();
      await page.keyboard.type('Alert when checkout 5xx rate is above 1% for 5 minutes');
      await page.keyboard.press('Enter');
      await row(page, 'ACT-0002').waitFor();
      // The defaults: P2, open, due in the P2 deadline.
      const a2 = await getAction(page, 'ACT-0002');
      assert.equal(a2.priority, 'P2');
      assert.equal(a2.status, 'open');
      assert.equal(a2.due, dayFromToday(56));
      assert.equal(a2.incidentRef, inc.ref);
    });

    await t.test('an empty title is refused under the line', async () => {
      await line.fill('   ');
      await line.press('Enter');
      const id = await line.getAttribute('aria-describedby');
      await eventually(async () => /^Title is required/.test((await page.locator(`[id="${id}"]`).textContent()) ?? ''), 'the title error');
      assert.equal(await line.getAttribute('aria-invalid'), 'true');
    });

    await t.test('e opens the editor; the due dates are set there and saved with Ctrl+Enter', async () => {
      // The first Esc clears the line and its message, the second leaves it.
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      // The action just added is selected; k goes up to the first.
      await page.keyboard.press('k');
      await eventually(async () => (await row(page, 'ACT-0001').getAttribute('aria-selected')) === 'true', 'k to select the first action');
      await page.keyboard.press('e');
      await page.waitForURL(/#\/actions\/ACT-0001$/);
      await page.getByLabel('Due date').fill(dayFromToday(0));
      await saveEditor(page, 'ACT-0001');
      assert.equal((await getAction(page, 'ACT-0001')).due, dayFromToday(0));
      await page.keyboard.press('Escape');
      await page.waitForURL(/\/actions$/);
      await row(page, 'ACT-0002').waitFor();

      await page.keyboard.press('j');
      await page.keyboard.press('j');
      await eventually(async () => (await row(page, 'ACT-0002').getAttribute('aria-selected')) === 'true', 'j j to select the second');
      await page.keyboard.press('Enter');
      await page.waitForURL(/#\/actions\/ACT-0002$/);
      await page.getByLabel('Due date').fill(dueSoon);
      await saveEditor(page, 'ACT-0002');
      await page.keyboard.press('Escape');
      await page.waitForURL(/\/actions$/);
      await row(page, 'ACT-0002').waitFor();
      await eventually(async () => (await row(page, 'ACT-0001').locator('[data-testid="due"]').textContent()) === 'due today', 'due today');
      assert.equal(await row(page, 'ACT-0002').locator('[data-testid="due"]').textContent(), `due ${dueSoon}`);
    });

    await t.test('d marks the selected action done', async () => {
      await page.keyboard.press('j');
      await eventually(async () => (await row(page, 'ACT-0001').getAttribute('aria-selected')) === 'true', 'the first selected');
      await page.keyboard.press('d');
      await eventually(async () => (await getAction(page, 'ACT-0001')).status === 'done', 'ACT-0001 done');
      await eventually(async () => /Done/.test(await row(page, 'ACT-0001').textContent()), 'the Done chip');
      await eventually(async () => (await page.getByTestId('actions-open').textContent()) === '1 open', 'the sidebar open count');
      await screenshot(page, 'actions-tab');
    });

    await t.test('editing the owner shows in the history with its time and zone', async () => {
      const list = page.getByRole('listbox', { name: `Actions of ${inc.ref}` });
      await eventually(() => list.evaluate((el) => el === document.activeElement), 'focus on the list');
      await page.keyboard.press('j');
      await eventually(async () => (await row(page, 'ACT-0002').getAttribute('aria-selected')) === 'true', 'the second selected');
      await page.keyboard.press('Enter');
      await page.waitForURL(/#\/actions\/ACT-0002$/);
      // Exactly "Owner": until the action page replaces the list, the list's
      // hint markers ("1 hint: No owner: …") match the word too.
      await page.getByLabel('Owner', { exact: true }).fill('Bo');
      await saveEditor(page, 'ACT-0002');
      const entry = page.locator('.history li[data-field="owner"]');
      await entry.waitFor();
      const text = (await entry.textContent()).replace(/\s+/g, ' ');
      assert.match(text, /owner: — → Bo · \d{4}-\d\d-\d\d \d\d:\d\d CES?T · Ana/);
      await screenshot(page, 'action-editor');
    });

    await t.test('a javascript: tracker link is refused under the link field, and nothing is saved', async () => {
      const link = page.getByLabel('Tracker link');
      await link.fill('javascript:alert(1)');
      await page.keyboard.press('Control+Enter');
      await eventually(async () => {
        const id = await link.getAttribute('aria-describedby');
        return /javascript: links are not allowed/.test((await page.locator(`[id="${id}"]`).textContent()) ?? '');
      }, 'the link error under the field');
      assert.equal(await link.getAttribute('aria-invalid'), 'true');
      await eventually(() => link.evaluate((el) => el === document.activeElement), 'focus on the link field');
      const a = await getAction(page, 'ACT-0002');
      assert.equal(a.link, '');
      assert.equal(a.owner, 'Bo');
      assert.deepEqual(page.consoleErrors, []);
    });
  } finally {
    await app.stop();
  }

  // Five days on: ACT-0002 (due in 3 days) is now overdue.
  const want = daysBetween(dueSoon, dayFromToday(5));
  app = await startApp({ dbPath, env: { HINDSIGHT_CLOCK_OFFSET: '120h' } });
  try {
    const page = await app.newPage();
    await t.test('after the date has passed the sidebar and the tab show it overdue', async () => {
      await eventually(async () => (await page.getByTestId('actions-overdue').textContent()) === '1 overdue', 'the sidebar overdue count');
      await page.evaluate(() => (location.hash = '#/incidents/INC-0001/actions'));
      await eventually(
        async () => (await row(page, 'ACT-0002').locator('[data-testid="due"]').textContent()) === `${want} days overdue`,
        `"${want} days overdue"`,
      );
      assert.equal(want, 2);
      // Done before its date: never overdue.
      assert.doesNotMatch(await row(page, 'ACT-0001').locator('[data-testid="due"]').textContent(), /overdue/);
      await screenshot(page, 'actions-tab-overdue');
      await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
      await screenshot(page, 'actions-tab-overdue-dark');
    });
  } finally {
    await app.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
