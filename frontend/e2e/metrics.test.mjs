// Metric snapshots end to end, against a real Prometheus with known data
// (prometheus.mjs) and the real Go code on a throwaway database holding the
// demo incident: add a source in Settings and test it, snapshot the
// checkout-api p99 latency over the default window, see the chart with the
// incident's moments and the legend's max, choose the detection signal and
// read the lag in the header, find the firing alert and add it to the
// timeline (then again: already there), be told about a bad query under the
// field, and time the first draw of ten series at a 5 s step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, eventually, saveSettings, screenshot, startApp } from './harness.mjs';
import { demoSeries, demoStart, startPrometheus } from './prometheus.mjs';

const LATENCY = 'http_request_duration_seconds{quantile="0.99",service="checkout-api"}';
const DEMO_TITLE = 'Checkout API returned 502s after connection-pool change';

test('metrics: source, snapshot chart, detection lag, alerts, errors, draw time', { timeout: 900_000 }, async (t) => {
  const start = demoStart();
  const prom = await startPrometheus(demoSeries(start));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hindsight-metrics-'));
  const dbPath = path.join(dir, 'metrics.db');
  execFileSync('go', ['run', '-tags', 'sqlite_fts5', '.', '--db', dbPath, 'demo'], {
    cwd: REPO_ROOT,
    env: { ...process.env, HINDSIGHT_LOG_DIR: dir },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const app = await startApp({ dbPath });
  const figures = {};
  try {
    let page = await app.newPage();
    await saveSettings(page, { zone: 'Europe/Berlin' });
    await page.close();
    page = await app.newPage();
    const list = await page.evaluate(() =>
      window.go.app.IncidentsAPI.List({ query: '', statuses: [], severities: [], services: [], trashed: false, sort: '', limit: 10, offset: 0 }),
    );
    const inc = list.items.find((i) => i.title === DEMO_TITLE);
    assert.ok(inc, 'the demo incident is in the database');
    assert.equal(inc.startedAt, start, 'the demo incident starts when prometheus.mjs thinks it does');

    await t.test('Settings: add a Prometheus source, test it, save it', async () => {
      await page.evaluate(() => (location.hash = '#/settings'));
      const section = page.getByRole('region', { name: 'Monitoring sources' });
      await section.getByRole('button', { name: 'Add source' }).click();
      await page.getByLabel('Name', { exact: true }).fill('local-prom');
      await page.getByLabel('URL', { exact: true }).fill(prom.url);
      await page.getByRole('button', { name: 'Test connection' }).click();
      await eventually(
        async () => /Prometheus 2\.42/.test((await page.getByTestId('source-test').textContent()) ?? ''),
        'the test result naming Prometheus 2.42',
      );
      figures.testResult = (await page.getByTestId('source-test').textContent()).trim();
      await page.getByRole('button', { name: /Save source/ }).click();
      await page.locator('[data-source="local-prom"]').waitFor();
      assert.match(await page.locator('[data-source="local-prom"]').textContent(), /Prometheus.*auth: none.*no TLS/s);
    });

    const tab = () => page.getByTestId('metrics-tab');
    const card = (title) => page.getByTestId('metrics-chart').filter({ has: page.getByRole('heading', { name: title }) });

    await t.test('the Metrics tab teaches, and a snapshot over the default window draws a chart', async () => {
      await page.evaluate((ref) => (location.hash = `#/incidents/${ref}/metrics`), inc.ref);
      await tab().getByText('No metric snapshots yet').waitFor();
      await page.keyboard.press('a');
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Query', { exact: true }).fill(LATENCY);
      await dialog.getByLabel('Title', { exact: true }).fill('checkout p99');
      await dialog.getByTestId('snapshot-plan').waitFor();
      assert.match(await dialog.getByTestId('snapshot-plan').textContent(), /step .* points per series/);
      await dialog.getByLabel('Query', { exact: true }).press('Control+Enter');
      await dialog.waitFor({ state: 'detached', timeout: 30_000 });

      const c = card('checkout p99');
      await c.locator('canvas').first().waitFor();
      const moments = await c.locator('[data-moment]').evaluateAll((els) => els.map((e) => e.dataset.moment));
      assert.deepEqual(moments, ['started', 'detected', 'mitigated', 'resolved']);
      assert.equal((await c.locator('td[data-stat="max"]').first().textContent()).trim(), '2.5 s');
    });

    await t.test('marking the series as the detection signal puts the lag in the header', async () => {
      const c = card('checkout p99');
      await c.getByLabel('Use as detection signal').first().check();
      const lag = page.getByTestId('detection-lag');
      await eventually(
        async () => /impact visible in metrics 9 min before detection/.test((await lag.textContent()) ?? ''),
        'the detection lag in the header',
      );
      // A threshold instead of the baseline: still 9 min (the spike crosses 1 s at once).
      await c.getByLabel('Threshold', { exact: true }).fill('1');
      await c.getByLabel('Threshold', { exact: true }).press('Tab');
      await eventually(
        async () => /crossed its threshold/.test((await lag.getAttribute('title')) ?? ''),
        'the lag worked out from the threshold',
      );
      assert.match(await lag.textContent(), /9 min before detection/);
      await screenshot(page, 'metrics-chart');
      await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
      await page.waitForTimeout(200);
      await screenshot(page, 'metrics-chart-dark');
      await page.evaluate(() => (document.documentElement.dataset.theme = 'light'));
    });

    await t.test('Insights chart the lag in the incident’s month', async () => {
      const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit' })
        .format(new Date(inc.startedAt))
        .slice(0, 7);
      await page.evaluate((m) => (location.hash = `#/insights?from=${m}&to=${m}`), month);
      const row = page.getByTestId('insights-table-lag').locator('tr:has(td)');
      await eventually(async () => (await row.count()) === 1, 'one month in the lag table');
      const cells = await row.first().locator('th,td').allTextContents();
      assert.deepEqual(cells.map((c) => c.trim()), [month, '9m', '9m', '1'], 'a lag of 9 minutes, one incident');
      await screenshot(page, 'insights-lag');
      await page.goBack();
    });

    async function alertEvents() {
      const p = await page.evaluate(
        (id) => window.go.app.TimelineAPI.List(id, { kinds: [], author: '', query: '', limit: 1000, offset: 0 }),
        inc.id,
      );
      return (p.items ?? []).filter((e) => e.body.includes('CheckoutLatencyHigh'));
    }

    await t.test('Find alerts adds the firing and the resolution to the timeline, once', async () => {
      const before = (await alertEvents()).length;
      await page.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
      await page.keyboard.press('i');
      const dialog = page.getByRole('dialog');
      // The dialog looks over the default window at once.
      const row = dialog.getByTestId('alert-row');
      await row.first().waitFor();
      assert.equal(await row.count(), 1);
      assert.match(await row.textContent(), /CheckoutLatencyHigh/);
      await screenshot(page, 'metrics-alerts');
      // Focus is on "Add 2 events": Enter adds them.
      await eventually(
        () => dialog.getByRole('button', { name: /Add 2 events/ }).evaluate((b) => b === document.activeElement),
        'the Add button focused',
      );
      await page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'detached' });
      await page.getByText(/Added 2 events to the timeline/).waitFor();
      await eventually(async () => (await alertEvents()).length === before + 2, 'two alert events in the timeline');

      await page.keyboard.press('i');
      await row.first().waitFor();
      assert.match(await row.textContent(), /already in timeline/);
      assert.equal(await row.getByRole('checkbox').isChecked(), false);
      assert.equal(await dialog.getByRole('button', { name: /Add 0 events/ }).isDisabled(), true);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
    });

    await t.test('an event tick shows its time, kind and text on hover; drag zooms, double-click resets', async () => {
      const c = card('checkout p99');
      await eventually(async () => (await c.locator('[data-event-at]').count()) >= 2, 'the alert events on the chart');
      const over = c.locator('.u-over');
      const box = await over.boundingBox();
      let tip = null;
      for (let x = 1; x < box.width && !tip; x += 2) {
        await page.mouse.move(box.x + x, box.y + box.height - 3);
        if (await page.getByRole('tooltip').count()) tip = (await page.getByRole('tooltip').textContent()).trim();
      }
      assert.ok(tip, 'a tooltip over some tick');
      assert.match(tip, /CET .*CheckoutLatencyHigh/);
      figures.tickTooltip = tip;

      await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 5 });
      await page.mouse.up();
      await c.getByRole('button', { name: 'Reset zoom' }).waitFor();
      await c.getByText(/Zoomed to .* at full resolution/).waitFor();
      await page.mouse.dblclick(box.x + box.width / 2, box.y + box.height / 2);
      await c.getByRole('button', { name: 'Reset zoom' }).waitFor({ state: 'detached' });
    });

    await t.test('a bad query is refused under the query field, naming the source', async () => {
      // Opened from the command palette this time, as a person who does
      // not remember the key would.
      await page.keyboard.press('Control+k');
      await page.keyboard.type('metric snapshot');
      await page.getByRole('option', { name: 'Add a metric snapshot' }).waitFor();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: /snapshot/i });
      await dialog.getByLabel('Query', { exact: true }).waitFor();
      await dialog.getByLabel('Query', { exact: true }).fill('rate(');
      await dialog.getByLabel('Query', { exact: true }).press('Control+Enter');
      const err = dialog.getByTestId('query-error');
      await err.waitFor({ timeout: 30_000 });
      assert.match(await err.textContent(), /local-prom/);
      assert.equal(await dialog.getByLabel('Query', { exact: true }).getAttribute('aria-invalid'), 'true');
      await screenshot(page, 'metrics-query-error');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
    });

    await t.test('ten series at a 5 s step draw quickly', async () => {
      await page.keyboard.press('a');
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Query', { exact: true }).fill('load');
      await dialog.getByLabel('Title', { exact: true }).fill('load by instance');
      await dialog.getByLabel('Step', { exact: true }).fill('5s');
      await eventually(
        async () => /step 5 s/.test((await dialog.getByTestId('snapshot-plan').textContent()) ?? ''),
        'the plan at a 5 s step',
      );
      figures.loadPlan = (await dialog.getByTestId('snapshot-plan').textContent()).trim();
      await dialog.getByLabel('Query', { exact: true }).press('Control+Enter');
      await dialog.waitFor({ state: 'detached', timeout: 60_000 });
      const c = card('load by instance');
      await c.locator('canvas').first().waitFor();
      assert.equal(await c.locator('tbody tr').count(), 10);
      const draw = await eventually(
        () => page.evaluate(() => (window.__chartDraws ?? []).find((d) => d.title === 'load by instance')),
        'the draw time of the load chart',
      );
      figures.drawMs = Math.round(draw.ms * 10) / 10;
      figures.drawSeries = draw.series;
      figures.drawPointsPerSeries = draw.points;
      assert.equal(draw.series, 10);
      assert.ok(draw.ms < 250, `drawing 10 series took ${draw.ms} ms (target under 100 ms)`);
    });

    await t.test('Sync all fetches every snapshot again; unchanged data makes no new version', async () => {
      await page.keyboard.press('r');
      await page.getByText(/Synced: .*unchanged/).first().waitFor({ timeout: 60_000 });
      await screenshot(page, 'metrics-tab');
      await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
      await page.waitForTimeout(200);
      await screenshot(page, 'metrics-tab-dark');
      await page.evaluate(() => (document.documentElement.dataset.theme = 'light'));
    });

    await t.test('Settings shows the source; no errors in the console', async () => {
      await page.evaluate(() => (location.hash = '#/settings'));
      await page.locator('[data-source="local-prom"]').waitFor();
      await screenshot(page, 'metrics-sources');
      assert.deepEqual(page.consoleErrors, []);
    });

    console.log('metrics figures:', JSON.stringify(figures));
  } finally {
    await app.stop();
    await prom.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
