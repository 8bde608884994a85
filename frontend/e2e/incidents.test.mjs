// Incidents end to end, through the real Go code on a throwaway database:
// create through the form (and be refused with the reason under the field),
// see it in the list, edit it, filter, delete with Undo, restore from the trash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, screenshot, startApp } from './harness.mjs';

/** The titles in the incident list, top to bottom. */
async function listTitles(page) {
  return page.getByRole('table', { name: 'Incidents' }).getByRole('link').allTextContents();
}

/** The message a field points at with aria-describedby. */
async function messageUnder(field) {
  const id = await field.getAttribute('aria-describedby');
  assert.ok(id, 'the field names its message with aria-describedby');
  return field.page().locator(`[id="${id.split(' ')[0]}"]`).textContent();
}

async function goToList(page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Incidents/ }).click();
  await page.getByRole('table', { name: 'Incidents' }).waitFor({ state: 'attached' });
}

async function liveCount(page) {
  return (await page.evaluate(() => window.go.app.IncidentsAPI.Counts())).total;
}

test('incidents: create, list, edit, filter, delete with undo, restore', { timeout: 600_000 }, async (t) => {
  const app = await startApp();
  try {
    const page = await app.newPage();
    const title = 'Checkout returns 502 for EU customers';
    const other = 'Search latency above 2 s';

    await t.test('an empty database teaches what goes here', async () => {
      await page.getByRole('heading', { name: 'No incidents yet' }).waitFor();
      await page.getByRole('button', { name: 'Load the sample incident' }).waitFor();
    });

    await t.test('an empty title is refused with the reason under the title field, and nothing is saved', async () => {
      await page.getByRole('button', { name: 'New incident' }).first().click();
      await page.getByRole('heading', { name: 'New incident' }).waitFor();
      await page.getByRole('radio', { name: /SEV2/ }).check();
      await page.getByRole('button', { name: 'Create incident' }).click();
      const field = page.getByLabel('Title', { exact: true });
      await eventually(async () => (await field.getAttribute('aria-invalid')) === 'true', 'the title to be marked invalid');
      assert.equal(await messageUnder(field), 'Title is required');
      assert.ok(await field.evaluate((el) => el === document.activeElement), 'the bad field has the focus');
      assert.equal(await liveCount(page), 0);
    });

    await t.test('a resolved time before the start is refused under Resolved', async () => {
      await page.getByLabel('Title', { exact: true }).fill(title);
      await page.getByLabel('Started', { exact: true }).fill('2025-03-10 09:00');
      await page.getByLabel('Resolved', { exact: true }).fill('2025-03-10 08:00');
      await page.getByRole('button', { name: 'Create incident' }).click();
      const resolved = page.getByLabel('Resolved', { exact: true });
      await eventually(async () => (await resolved.getAttribute('aria-invalid')) === 'true', 'Resolved to be marked invalid');
      assert.match(await messageUnder(resolved), /^Resolved is before the start/);
      assert.equal(await page.getByLabel('Title', { exact: true }).getAttribute('aria-invalid'), 'false');
      assert.equal(await liveCount(page), 0);
    });

    await t.test('a valid incident is created and opens on its page', async () => {
      await page.getByLabel('Resolved', { exact: true }).fill('');
      await page.getByLabel('Detected', { exact: true }).fill('2025-03-10 09:12');
      const services = page.getByLabel('Services', { exact: true });
      await services.fill('checkout');
      await services.press('Enter');
      await services.fill('payments,');
      await page.getByLabel('Commander', { exact: true }).fill('Ana Souza');
      await page.getByLabel('Customer impact', { exact: true }).fill('EU customers could not pay for 40 minutes.');
      await page.getByLabel(/Summary/).fill('The **payment gateway** pool was exhausted.');
      await page.keyboard.press('Control+Enter');

      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      assert.match(page.url(), /#\/incidents\/INC-0001$/);
      const header = page.locator('header.header');
      assert.match(await header.textContent(), /INC-0001/);
      assert.match(await header.textContent(), /SEV2/);
      assert.match(await header.textContent(), /detect 0:12/);
      await page.getByText('payment gateway', { exact: true }).waitFor(); // the summary, rendered as markdown
      assert.equal(await page.locator('.prose strong').textContent(), 'payment gateway');
      await screenshot(page, 'incident-page');
    });

    await t.test('it is in the list', async () => {
      await goToList(page);
      await eventually(async () => (await listTitles(page)).includes(title), 'the new incident in the list');
    });

    await t.test('editing changes severity and status', async () => {
      await page.getByRole('link', { name: title }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.keyboard.press('e');
      await page.getByRole('heading', { name: 'Edit INC-0001' }).waitFor();
      await page.getByRole('radio', { name: /SEV1/ }).check();
      await page.getByLabel('Status', { exact: true }).selectOption('identified');
      await page.getByRole('button', { name: 'Save changes' }).click();

      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      const header = page.locator('header.header');
      await eventually(async () => /SEV1/.test(await header.textContent()), 'SEV1 in the header');
      assert.match(await page.getByRole('button', { name: /^Status: Identified/ }).getAttribute('aria-label'), /Identified/);
      await page.getByText(/Investigating\s*→\s*Identified/).waitFor(); // the status history
    });

    await t.test('the list filters by text and by severity', async () => {
      // A second incident to filter against, started with the `c` key.
      await page.keyboard.press('c');
      await page.getByRole('heading', { name: 'New incident' }).waitFor();
      await page.getByLabel('Title', { exact: true }).fill(other);
      await page.getByRole('radio', { name: /SEV3/ }).check();
      await page.getByRole('button', { name: 'Create incident' }).click();
      await page.getByRole('heading', { level: 1, name: other }).waitFor();

      await goToList(page);
      await eventually(async () => (await listTitles(page)).length === 2, 'two incidents in the list');
      await screenshot(page, 'incident-list');

      await page.getByLabel('Filter incidents', { exact: true }).fill('checkout');
      await eventually(async () => {
        const titles = await listTitles(page);
        return titles.length === 1 && titles[0] === title;
      }, 'only the checkout incident after filtering by text');

      await page.getByRole('button', { name: 'Clear filters' }).first().click();
      await eventually(async () => (await listTitles(page)).length === 2, 'both incidents after clearing');

      await page.getByRole('button', { name: /^Severity/ }).click();
      await page.getByLabel('SEV3 · Minor', { exact: true }).check();
      await page.keyboard.press('Escape');
      await eventually(async () => {
        const titles = await listTitles(page);
        return titles.length === 1 && titles[0] === other;
      }, 'only the SEV3 incident after filtering by severity');

      await page.getByRole('button', { name: 'Clear filters' }).first().click();
      await eventually(async () => (await listTitles(page)).length === 2, 'both incidents after clearing');
    });

    await t.test('delete moves to the trash, and Undo brings it back', async () => {
      await page.getByRole('link', { name: title }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.getByRole('button', { name: 'Delete' }).click();
      await page.getByText('INC-0001 moved to trash').waitFor();
      await eventually(async () => !(await listTitles(page)).includes(title), 'the incident gone from the list');
      assert.equal(await liveCount(page), 1);

      await page.getByRole('button', { name: 'Undo' }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      assert.equal(await liveCount(page), 2);
    });

    await t.test('delete again, and restore from the trash', async () => {
      await page.getByRole('button', { name: 'Delete' }).click();
      await page.getByText('INC-0001 moved to trash').first().waitFor();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Trash/ }).click();
      const trash = page.getByRole('table', { name: 'Trashed incidents' });
      await trash.getByText(title).waitFor();
      await page.getByRole('button', { name: 'Restore INC-0001' }).click();
      await trash.getByText(title).waitFor({ state: 'detached' });
      assert.equal(await liveCount(page), 2);

      await goToList(page);
      await eventually(async () => (await listTitles(page)).includes(title), 'the restored incident in the list');
    });

    await t.test('no console errors on the way', () => {
      assert.deepEqual(page.consoleErrors, []);
    });
  } finally {
    await app.stop();
  }
});
