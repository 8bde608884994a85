// The Insights page end to end through the real Go code, as a manager uses
// it before an operational review: g n opens it (an empty database teaches
// what it needs), a range of months in the address shows the incidents by
// severity, the times to detect and resolve (median and p90), actions on
// time and what recurs, worked out here from the test's own seed; a month
// typed badly is refused under its field and a backward range gets the Go
// side's message there, with the charts kept; ] and [ move the range by its
// length and it survives a reload; the service filter narrows it; Export
// writes SVG and CSV files that are read back, refuses to overwrite until
// asked; and the time from a preset click to the new figures on screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addRootCause, createIncident, eventually, median, saveSettings, startApp, themeShots, stepper } from './harness.mjs';

const shots = (page, name) => themeShots(page, 'insights', name);

test('insights: the charts of a range, its controls, bad input, export, and speed', { timeout: 600_000 }, async (t) => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'hindsight-insights-export-'));
  const figures = {};
  let app = null;
  try {
    app = await startApp();
    const page = await app.newPage();
    await saveSettings(page, { zone: 'Europe/Berlin', userName: 'Ana' });
    await page.reload();

    const hash = () => page.evaluate(() => location.hash);
    const summary = page.getByTestId('insights-summary');
    const count = page.getByTestId('insights-count');
    /** The sr-only table of a chart: its body rows as arrays of cell texts. */
    const table = (chart) =>
      page
        .getByTestId(`insights-table-${chart}`)
        .locator('tr:has(td)')
        .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td,th')].map((c) => c.textContent.trim())));
    const rowOf = async (chart, month) => (await table(chart)).find((r) => r[0] === month);

    const step = stepper(t);

    await step('g n opens Insights; with no incidents it says what it needs', async () => {
      await page.locator('body').click({ position: { x: 600, y: 400 } });
      await page.keyboard.press('g');
      await page.keyboard.press('n');
      await eventually(async () => (await hash()) === '#/insights', '#/insights');
      await page.getByRole('region', { name: 'Insights need incidents' }).waitFor();
      assert.equal(await page.locator('nav[aria-label="Main"] a[aria-current="page"] .name').textContent(), 'Insights');
      await shots(page, 'empty');
    });

    // ---- the seed ---------------------------------------------------------
    // January: a SEV1 and a SEV3 on checkout (detected after 10 and 30
    // minutes, resolved after 2 h and 1 h); March: a SEV2 on search; May: a
    // SEV2 on checkout. Two of the checkout incidents share a root cause. A
    // SEV1 from December 2025 lies outside the range asked for.
    const jan1 = await createIncident(page, {
      title: 'Checkout 502s after the deploy', severity: 'SEV1', status: 'resolved', services: ['checkout'],
      startedAt: '2026-01-10 10:00', detectedAt: '2026-01-10 10:10', resolvedAt: '2026-01-10 12:00',
    });
    const jan2 = await createIncident(page, {
      title: 'Checkout slow at the card step', severity: 'SEV3', status: 'resolved', services: ['checkout'],
      startedAt: '2026-01-20 09:00', detectedAt: '2026-01-20 09:30', resolvedAt: '2026-01-20 10:00',
    });
    await createIncident(page, {
      title: 'Search index stale', severity: 'SEV2', status: 'resolved', services: ['search'],
      startedAt: '2026-03-05 08:00', detectedAt: '2026-03-05 08:05', resolvedAt: '2026-03-05 08:50',
    });
    await createIncident(page, {
      title: 'Checkout refunds stuck', severity: 'SEV2', status: 'resolved', services: ['checkout'],
      startedAt: '2026-05-02 16:00', detectedAt: '2026-05-02 16:20', resolvedAt: '2026-05-02 20:00',
    });
    await createIncident(page, { title: 'Old outage', severity: 'SEV1', services: ['checkout'], startedAt: '2025-12-20 10:00' });
    await addRootCause(page, jan1.id, 'Checkout failed', 'Connection pool exhausted');
    await addRootCause(page, jan2.id, 'Checkout failed', 'Connection pool exhausted.');
    // Due in March and still open: due, not on time.
    await page.evaluate(
      (a) => window.go.app.ActionsAPI.Create({ title: 'Raise the pool limit', description: '', owner: 'Ana', due: '2026-03-15', priority: 'P2', type: 'prevent', status: '', reason: '', incident: a, link: '', verification: '', causeNodeId: '' }),
      jan1.id,
    );

    await step('a range in the address shows its figures, worked out from the seed', async () => {
      await page.evaluate(() => (location.hash = '#/insights?from=2026-01&to=2026-06'));
      await page.reload();
      await eventually(async () => (await count.textContent()) === '4 incidents', '4 incidents in the range', 15_000);
      assert.match(await summary.textContent(), /started 2026-01 – 2026-06, months in Europe\/Berlin/);
      assert.equal(await page.getByTestId('insights-from').inputValue(), '2026-01');
      assert.deepEqual(await rowOf('severity', '2026-01'), ['2026-01', '1', '0', '1', '0', '2']);
      assert.deepEqual(await rowOf('severity', '2026-03'), ['2026-03', '0', '1', '0', '0', '1']);
      assert.deepEqual(await rowOf('severity', '2026-02'), ['2026-02', '0', '0', '0', '0', '0']);
      assert.equal((await table('severity')).length, 6, 'one row per month');
      // January: detected after 10 and 30 minutes → median 20m, p90 (nearest rank) 30m.
      assert.deepEqual(await rowOf('detect', '2026-01'), ['2026-01', '20m', '30m', '2']);
      assert.deepEqual(await rowOf('resolve', '2026-05'), ['2026-05', '4h', '4h', '1']);
      assert.deepEqual(await rowOf('actions', '2026-03'), ['2026-03', '0', '1', '0%']);
      // No snapshots: the lag card says how to get one.
      assert.match(await page.getByTestId('insights-none-lag').textContent(), /metric snapshot/);
      const services = await page.getByTestId('insights-services-row').allTextContents();
      assert.equal(services.length, 1, `only checkout recurs: ${services}`);
      assert.match(services[0], /checkout\s*3 incidents/);
      assert.match(services[0], new RegExp(jan1.ref));
      const themes = await page.getByTestId('insights-themes-row').allTextContents();
      assert.equal(themes.length, 1);
      assert.match(themes[0], /Connection pool exhausted\s*2 incidents/);
      // The charts are drawn (a canvas per monthly chart with data).
      assert.equal(await page.locator('[data-testid="insights-plot"] canvas').count() >= 4, true, 'the charts are drawn');
      await shots(page, 'page');
    });

    await step('a click on a month’s bar lists its incidents, worst first; › and × move and close', async () => {
      const over = page.getByTestId('insights-card-severity').locator('.u-over');
      const box = await over.boundingBox();
      // Six months across the plot: January is the first sixth.
      await page.mouse.click(box.x + box.width / 12, box.y + box.height - 5);
      const list = page.getByTestId('insights-month');
      await list.getByRole('heading', { name: /Incidents started in Jan 2026/ }).waitFor();
      await eventually(async () => (await list.getByTestId('insights-month-row').count()) === 2, 'two January incidents');
      const rows = await list.getByTestId('insights-month-row').allTextContents();
      assert.match(rows[0], new RegExp(`${jan1.ref}.*SEV1.*Checkout 502s after the deploy.*2026-01-10 10:00`));
      assert.match(rows[1], new RegExp(`${jan2.ref}.*SEV3`));
      await shots(page, 'month');
      await list.getByRole('button', { name: 'The month after' }).click();
      await list.getByText('No incident started in Feb 2026.').waitFor();
      await list.getByRole('button', { name: 'The month after' }).click();
      await eventually(async () => (await list.getByTestId('insights-month-row').count()) === 1, 'one March incident');
      await list.getByRole('button', { name: 'Close the list' }).click();
      await list.waitFor({ state: 'detached' });
    });

    await step('a badly typed month is refused under its field; a backward range gets Go’s message; the charts stay', async () => {
      const from = page.getByTestId('insights-from');
      await from.fill('2026-13');
      await from.press('Enter');
      await eventually(async () => /“2026-13” is not a month; use YYYY-MM/.test((await page.locator('#ins-err-from').textContent().catch(() => '')) ?? ''), 'the From error');
      assert.equal(await from.getAttribute('aria-invalid'), 'true');
      assert.equal(await count.textContent(), '4 incidents', 'what is shown stays');
      assert.match(await hash(), /from=2026-01/, 'the address keeps the last good range');
      await from.fill('2026-06');
      const to = page.getByTestId('insights-to');
      await to.fill('2026-01');
      // Leaving From applied 2026-06 – 2026-06 (no incidents); wait for it.
      await eventually(async () => (await count.textContent()) === '0 incidents', 'June alone');
      await to.press('Enter');
      await eventually(async () => /must not be before the first month/.test((await page.locator('#ins-err-to').textContent().catch(() => '')) ?? ''), 'the To error from Go');
      assert.equal(await count.textContent(), '0 incidents', 'what is shown stays');
      assert.match(await hash(), /from=2026-06&to=2026-01/, 'the address says what was asked');
      await shots(page, 'error');
      await from.fill('2026-01');
      await to.fill('2026-06');
      await to.press('Enter');
      await eventually(async () => (await page.locator('.insights-view .error').count()) === 0, 'the errors clear');
    });

    await step('] and [ move the range by its length; a reload keeps it', async () => {
      await page.locator('.insights-view h1').click();
      await page.keyboard.press(']');
      await eventually(async () => /from=2026-07&to=2026-12/.test(await hash()), 'the range moved on', 5000);
      await eventually(async () => (await count.textContent()) === '0 incidents', 'no incidents in the second half');
      await page.getByRole('region', { name: /No incidents started in 2026-07 – 2026-12/ }).waitFor();
      await page.keyboard.press('[');
      await eventually(async () => (await count.textContent()) === '4 incidents', 'back to the first half');
      await page.reload();
      await eventually(async () => (await count.textContent()) === '4 incidents', 'the reload keeps the range');
      assert.equal(await page.getByTestId('insights-to').inputValue(), '2026-06');
    });

    await step('the service filter narrows everything; a recurring service links to its own insights', async () => {
      const svc = page.getByTestId('insights-service');
      await svc.fill('sea');
      await page.waitForTimeout(300);
      assert.equal(await count.textContent(), '4 incidents', 'a service half typed is not applied');
      await svc.fill('search');
      await svc.press('Enter');
      await eventually(async () => (await count.textContent()) === '1 incident', 'one incident on search');
      assert.match(await summary.textContent(), /on search/);
      assert.deepEqual(await rowOf('severity', '2026-03'), ['2026-03', '0', '1', '0', '0', '1']);
      await svc.press('Escape');
      await eventually(async () => (await count.textContent()) === '4 incidents', 'Esc: all services again');
      await page.getByTestId('insights-services-row').getByRole('link', { name: 'checkout' }).click();
      await eventually(async () => /service=checkout/.test(await hash()), 'the address names the service');
      await eventually(async () => (await count.textContent()) === '3 incidents', 'three on checkout');
      assert.equal(await svc.inputValue(), 'checkout');
      await svc.fill('');
      await svc.press('Enter');
      await eventually(async () => (await count.textContent()) === '4 incidents', 'all services again');
    });

    await step('Export writes every chart as SVG and CSV, and overwrites only when asked', async () => {
      await page.locator('.insights-view h1').click();
      await page.keyboard.press('x');
      const dialog = page.getByRole('dialog', { name: 'Export charts' });
      await dialog.waitFor();
      assert.equal(await dialog.getByTestId('ins-export-count').textContent(), '14');
      await dialog.getByRole('button', { name: 'None' }).click();
      await dialog.getByTestId('ins-export-run').click();
      await dialog.getByText('Choose at least one chart').waitFor();
      await dialog.getByText('Choose the folder', { exact: false }).or(dialog.getByText('is required')).first().waitFor();
      await dialog.getByRole('button', { name: 'All' }).click();
      assert.equal(await dialog.getByText('Choose at least one chart').count(), 0, 'All clears the charts error');
      await dialog.locator('#ins-export-dir').fill(out);
      assert.equal(await dialog.getByTestId('ins-export-error').count(), 0, 'a folder typed clears its error');
      await shots(page, 'export');
      await dialog.locator('#ins-export-dir').press('Enter');
      await dialog.waitFor({ state: 'detached' });
      const files = fs.readdirSync(out).sort();
      assert.equal(files.length, 14, `14 files: ${files}`);
      assert.ok(files.includes('insights-severity-2026-01-to-2026-06.svg'), files.join(' '));
      const csv = fs.readFileSync(path.join(out, 'insights-severity-2026-01-to-2026-06.csv'), 'utf8');
      assert.match(csv, /^month,SEV1,SEV2,SEV3,SEV4,total\r?\n2026-01,1,0,1,0,2\r?\n/);
      const detect = fs.readFileSync(path.join(out, 'insights-detect-2026-01-to-2026-06.csv'), 'utf8');
      assert.match(detect, /\n2026-01,2,1200,1800\r?\n/);
      const svg = fs.readFileSync(path.join(out, 'insights-services-2026-01-to-2026-06.svg'), 'utf8');
      assert.match(svg, /<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      assert.match(svg, /checkout/);
      assert.doesNotMatch(svg, /<script/i);

      // One card's Export: that chart only; the files exist now.
      fs.writeFileSync(path.join(out, 'insights-detect-2026-01-to-2026-06.svg'), 'mine');
      await page.getByTestId('insights-card-detect').getByRole('button', { name: 'Export' }).click();
      await dialog.waitFor();
      assert.equal(await dialog.getByTestId('ins-export-count').textContent(), '2');
      assert.equal(await dialog.locator('#ins-export-dir').inputValue(), out, 'the last folder is remembered');
      await dialog.getByTestId('ins-export-run').click();
      await eventually(async () => /already exists/.test(await dialog.getByTestId('ins-export-error').textContent().catch(() => '')), 'the conflict');
      assert.equal(fs.readFileSync(path.join(out, 'insights-detect-2026-01-to-2026-06.svg'), 'utf8'), 'mine', 'nothing overwritten');
      await dialog.getByRole('button', { name: /Overwrite/ }).click();
      await dialog.waitFor({ state: 'detached' });
      assert.match(fs.readFileSync(path.join(out, 'insights-detect-2026-01-to-2026-06.svg'), 'utf8'), /<svg/);
    });

    await step('a preset click shows the new figures quickly (timed)', async () => {
      const times = [];
      for (let k = 0; k < 6; k++) {
        const [name, want] = k % 2 === 0 ? ['2 years', /started \d{4}-\d\d – \d{4}-\d\d/] : ['This year', /started 2026-01 – /];
        const before = await summary.textContent();
        const t0 = await page.evaluate(() => performance.now());
        await page.getByRole('group', { name: 'Range' }).getByRole('button', { name, exact: true }).click();
        await page.waitForFunction(
          (prev) => {
            const el = document.querySelector('[data-testid="insights-summary"]');
            return el && el.textContent !== prev && !document.querySelector('.insights-view .grid.stale');
          },
          before,
          { timeout: 10_000 },
        );
        times.push((await page.evaluate(() => performance.now())) - t0);
        assert.match(await summary.textContent(), want);
      }
      figures.presetToFiguresMs = Math.round(median(times));
      assert.ok(figures.presetToFiguresMs < 1000, `a preset shows its figures in ${figures.presetToFiguresMs} ms`);
    });

    await step('the palette opens Insights, and no console errors', async () => {
      await page.evaluate(() => (location.hash = '#/incidents'));
      await page.keyboard.press('Control+k');
      await page.keyboard.type('insights');
      await page.getByRole('option', { name: /Insights/ }).first().waitFor();
      await page.keyboard.press('Enter');
      await eventually(async () => (await hash()).startsWith('#/insights'), 'the palette opened Insights');
      assert.deepEqual(page.consoleErrors, [], 'no console errors');
    });

    console.log('insights figures:', JSON.stringify(figures));
  } finally {
    await app?.stop();
    fs.rmSync(out, { recursive: true, force: true });
  }
});
