// The timeline end to end, through the real Go code on a throwaway database:
// add events with the quick-add line (and be refused without a time), mark
// one as the detection by editing it and see the header's duration follow,
// delete with Undo, filter by kind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createIncident, eventually, measureScrollFrames, saveSettings, screenshot, startApp } from './harness.mjs';

/** The event bodies on screen, top to bottom. */
async function bodies(page) {
  const all = await page.locator('[role="listbox"][aria-label="Timeline events"] .event .body').allTextContents();
  return all.map((s) => s.trim());
}

async function eventCount(page, id) {
  const p = await page.evaluate((i) => window.go.app.TimelineAPI.List(i, { kinds: [], author: '', query: '', limit: 0, offset: 0 }), id);
  return p.total;
}

test('timeline: quick-add, edit a key moment, delete with undo, filter', { timeout: 600_000 }, async (t) => {
  const app = await startApp();
  try {
    let page = await app.newPage();
    await saveSettings(page, { zone: 'Europe/Berlin' });
    const inc = await createIncident(page, { title: 'Checkout returns 502 for EU customers', zone: 'Europe/Berlin' });
    await page.close();
    page = await app.newPage();
    const line = page.getByLabel('Add an event', { exact: true });

    await t.test('the empty timeline teaches the quick-add line', async () => {
      await page.getByRole('link', { name: inc.title }).click();
      await page.getByRole('tab', { name: 'Timeline' }).click();
      await page.getByRole('heading', { name: 'No events yet' }).waitFor();
      await page.getByText('14:05 what happened', { exact: true }).waitFor();
      await line.waitFor();
    });

    await t.test('a line without a time is refused under the line, and nothing is saved', async () => {
      await line.fill('rolled back the deploy');
      await line.press('Enter');
      const id = await line.getAttribute('aria-describedby');
      const msg = page.locator(`[id="${id}"]`);
      await eventually(async () => (await msg.textContent()) === 'Start with a time, e.g. 14:05', 'the message under the line');
      assert.equal(await line.getAttribute('aria-invalid'), 'true');
      assert.equal(await eventCount(page, inc.id), 0);
    });

    await t.test('three events through the quick-add line', async () => {
      await line.fill('14:03 [alert] 5xx rate above 2% on checkout');
      await line.press('Enter');
      await eventually(async () => (await line.inputValue()) === '', 'the line to clear');
      assert.ok(await line.evaluate((el) => el === document.activeElement), 'the line keeps the focus');
      await line.fill('14:12:30 Ana paged the payments on-call');
      await line.press('Enter');
      await eventually(async () => (await line.inputValue()) === '', 'the line to clear');
      await line.fill('deploy: nope');
      await line.press('Enter');
      await line.fill('15:20 deploy: rolled back v2.14.0');
      await line.press('Enter');
      await eventually(async () => (await bodies(page)).length === 3, 'three events');
      assert.deepEqual(await bodies(page), [
        '5xx rate above 2% on checkout',
        'Ana paged the payments on-call',
        'rolled back v2.14.0',
      ]);
      // The newest is selected; times are in the zone, with T+ from the start.
      const selected = page.locator('[role="option"][aria-selected="true"]');
      assert.match(await selected.textContent(), /15:20:00\s*T\+1:20\s*Deploy/);
      await page.getByRole('heading', { name: 'Mon 2026-11-23 · CET' }).waitFor();
      await page.getByText('— 1h 7m gap —').waitFor();
      await page.getByRole('listbox', { name: 'Timeline events' }).getByRole('option').first().getByText('Alert', { exact: true }).waitFor();
    });

    await t.test('marking an event as Detected moves the header’s detect duration', async () => {
      const durations = page.getByLabel('Durations from the start');
      assert.match(await durations.textContent(), /detect\s*—/);
      await line.evaluate((el) => el.blur());
      await page.keyboard.press('k'); // the selection moves up to the 14:12:30 event
      await page.keyboard.press('k'); // and to the alert
      await page.keyboard.press('j');
      await page.keyboard.press('e');
      const form = page.getByRole('form', { name: 'Edit event' });
      await form.waitFor();
      await form.getByLabel('Key moment').selectOption('detected');
      await page.keyboard.press('Control+Enter');
      await form.waitFor({ state: 'detached' });
      await eventually(async () => /detect\s*0:12/.test(await durations.textContent()), 'detect 0:12 in the header');
      await page.locator('[role="option"][aria-selected="true"]').getByText('Detected', { exact: true }).waitFor();
    });

    await t.test('a contradictory key moment is refused under the field', async () => {
      await page.keyboard.press('j'); // the 15:20 deploy
      await page.keyboard.press('e');
      const form = page.getByRole('form', { name: 'Edit event' });
      await form.waitFor();
      await form.getByLabel('Time (Europe/Berlin)').fill('2026-11-23 13:00');
      await form.getByLabel('Key moment').selectOption('resolved');
      await page.keyboard.press('Control+Enter');
      const moment = form.getByLabel('Key moment');
      const time = form.getByLabel('Time (Europe/Berlin)');
      await eventually(
        async () => (await moment.getAttribute('aria-invalid')) === 'true' || (await time.getAttribute('aria-invalid')) === 'true',
        'a field error',
      );
      await page.keyboard.press('Escape');
      await form.waitFor({ state: 'detached' });
      assert.equal(await eventCount(page, inc.id), 3);
    });

    await t.test('Delete removes the selected event; Undo brings it back', async () => {
      await page.keyboard.press('Delete');
      await eventually(async () => (await bodies(page)).length === 2, 'two events');
      assert.equal(await eventCount(page, inc.id), 2);
      await page.getByRole('button', { name: 'Undo' }).click();
      await eventually(async () => (await bodies(page)).length === 3, 'three events again');
    });

    await t.test('the kind filter shows only that kind', async () => {
      await page.getByRole('button', { name: /^Kind/ }).click();
      await page.getByRole('checkbox', { name: 'Alert' }).check();
      await page.keyboard.press('Escape');
      await eventually(async () => (await bodies(page)).length === 1, 'one alert');
      assert.deepEqual(await bodies(page), ['5xx rate above 2% on checkout']);
      await page.getByRole('button', { name: 'Clear filters' }).click();
      await eventually(async () => (await bodies(page)).length === 3, 'all three back');
      await page.keyboard.press('j');
      await screenshot(page, 'timeline');
    });

    await t.test('paste a timeline, preview it, decide the lines not understood, import it', async () => {
      const inc2 = await createIncident(page, {
        title: 'Payments API latency',
        services: ['payments-api'],
        startedAt: '2026-11-22 09:00',
        zone: 'Europe/Berlin',
      });
      const text = [
        '## 2026-11-22',
        '09:04 PagerDuty: p99 latency above 2 s on payments-api',
        '09:11 Detected: Ana acknowledged the page',
        'we suspected the database',
        '',
        '-- pasted from the war room --',
        '09:38 [deploy] Mitigated: rolled back payments-api v3.8',
        '2026-02-30 10:00 impossible date',
        '10:15 Resolved: latency at baseline for 30 min',
        '2025-11-22 10:20 UTC the wrong year',
      ].join('\n');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Incidents/ }).click();
      await page.getByRole('link', { name: inc2.title }).click();
      await page.getByRole('tab', { name: 'Timeline' }).click();
      await page.getByRole('heading', { name: 'No events yet' }).waitFor();
      await page.keyboard.press('i');
      const dialog = page.getByRole('dialog', { name: `Import a timeline into ${inc2.ref}` });
      await dialog.waitFor();
      // A zone that does not exist is named under its field.
      await dialog.getByLabel('Zone of times that name none').fill('Mars/Olympus');
      await dialog.getByLabel('Paste a timeline, a chat log, CSV or JSON').fill(text);
      await eventually(
        async () => (await dialog.getByLabel('Zone of times that name none').getAttribute('aria-invalid')) === 'true',
        'the zone field marked invalid',
      );
      await dialog.getByText(/^Zone .*Mars\/Olympus/).waitFor();
      await dialog.getByLabel('Zone of times that name none').fill('Europe/Berlin');
      const summary = dialog.getByTestId('import-summary');
      await eventually(async () => /5\s+events read as text · 2 lines not understood, 2 to decide/.test(await summary.textContent()), 'the preview summary');
      const importButton = dialog.getByRole('button', { name: /^Import 5/ });
      assert.ok(await importButton.isDisabled(), 'import is refused while lines are undecided');
      await dialog.getByText(/1 of 5 events are more than a day outside/).waitFor();
      await dialog.getByText('364 days before the incident started').waitFor();
      const problems = dialog.getByTestId('import-problem');
      assert.equal(await problems.count(), 2);
      assert.match(await problems.nth(1).textContent(), /line 8.*February has 28 days/);
      await screenshot(page, 'timeline-import');
      await problems.nth(0).getByRole('button', { name: 'Skip' }).click();
      await problems.nth(1).getByRole('button', { name: 'Skip' }).click();
      await eventually(async () => !(await importButton.isDisabled()), 'import enabled once every line is decided');
      const t0 = Date.now();
      await page.keyboard.press('Control+Enter');
      await dialog.waitFor({ state: 'detached' });
      await page.getByText('Imported 5 events').waitFor();
      console.log(`figure: import-dialog-save-ms ${Date.now() - t0}`);
      await eventually(async () => (await bodies(page)).length === 5, 'five events on the timeline');
      const durations = page.getByLabel('Durations from the start');
      await eventually(async () => /detect\s*0:11/.test(await durations.textContent()), 'detect 0:11 in the header');
      assert.match(await durations.textContent(), /mitigate\s*0:38/);
      assert.match(await durations.textContent(), /resolve\s*1:15/);
      assert.equal(await eventCount(page, inc2.id), 5);
      await screenshot(page, 'timeline-imported');
    });

    await t.test('pasting on the timeline opens the import with the text; the same lines again add nothing twice', async () => {
      // Ctrl+V on the timeline (outside any field) is a paste event there.
      await page.getByRole('listbox', { name: 'Timeline events' }).evaluate((el) => {
        const dt = new DataTransfer();
        dt.setData('text/plain', '## 2026-11-22\n09:04 PagerDuty: p99 latency above 2 s on payments-api\n');
        el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
      });
      const dialog = page.getByRole('dialog', { name: /^Import a timeline into/ });
      await dialog.waitFor();
      assert.match(await dialog.getByLabel('Paste a timeline, a chat log, CSV or JSON').inputValue(), /09:04 PagerDuty/);
      const importButton = dialog.getByRole('button', { name: /^Import 1 event/ });
      await eventually(async () => !(await importButton.isDisabled()), 'import enabled');
      await importButton.click();
      await page.getByText('Imported 0 events (1 already there)').waitFor();
      assert.equal((await bodies(page)).length, 5);
    });

    await t.test('10,000 events scroll smoothly, fetched page by page', async () => {
      const created = await createIncident(page, {
        title: 'Ten thousand events',
        severity: 'SEV3',
        services: [],
        commander: '',
        startedAt: '2026-11-20 00:00',
        zone: 'Europe/Berlin',
      });
      const big = await page.evaluate(async (i) => {
        const api = window.go.app;
        const kinds = ['alert', 'action', 'communication', 'note', 'deploy'];
        const base = Date.parse('2026-11-19T23:00:00Z');
        for (let start = 0; start < 10_000; start += 250) {
          const batch = [];
          for (let n = start; n < start + 250; n++) {
            const at = new Date(base + n * 20_000).toISOString();
            batch.push(api.TimelineAPI.Add(i.id, { at, zone: 'Europe/Berlin', kind: kinds[n % 5], author: `p${n % 7}`,
              body: `event ${n}` + (n % 3 ? '' : '\nwith a second line'), tags: [], keyMoment: '' }));
          }
          try {
            await Promise.all(batch);
          } catch (e) {
            return { error: JSON.stringify(e) + ' ' + String(e) };
          }
        }
        return i;
      }, created);
      assert.ok(!big.error, big.error);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Incidents/ }).click();
      await page.getByRole('link', { name: big.title }).click();
      await page.getByRole('tab', { name: 'Timeline' }).click();
      await page.getByText('10,000 events').waitFor({ timeout: 30_000 });
      const list = page.getByRole('listbox', { name: 'Timeline events' });
      assert.ok((await list.getByRole('option').count()) < 100, 'only the rows on screen are rendered');
      await list.focus();
      const t0 = Date.now();
      await page.keyboard.press('End');
      await eventually(async () => {
        // Dynamic row heights move the end as rows are measured: follow it.
        await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
        return (await bodies(page)).some((b) => b.startsWith('event 9999'));
      }, 'the last event', 20_000).catch(async (e) => {
        console.log('diagnostics:', await list.evaluate((el) => ({ top: el.scrollTop, h: el.scrollHeight, ad: el.getAttribute('aria-activedescendant') })), (await bodies(page)).slice(-3));
        throw e;
      });
      const ms = Date.now() - t0;
      assert.ok(ms < 5000, `the end of 10,000 events took ${ms} ms`);
      await list.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
      await eventually(async () => (await bodies(page)).some((b) => /^event \d+/.test(b)), 'rows in the middle');
      await screenshot(page, 'timeline-10k');
    });

    await t.test('frames stay smooth while scrolling through 10,000 events', async () => {
      // As the incident list's scale test: 100 px a frame (a brisk mouse
      // wheel) for 600 frames, crossing pages fetched on demand and rows
      // measured as they appear; count frames over 50 ms.
      const r = await measureScrollFrames(page, '[role="listbox"][aria-label="Timeline events"]');
      console.log(`figure: timeline-scroll-10k p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, max ${r.max.toFixed(1)} ms, ${r.long}/${r.steps} frames over 50 ms`);
      assert.ok(r.long < r.steps * 0.1, `${r.long} of ${r.steps} frames took over 50 ms`);
    });
  } finally {
    await app.stop();
  }
});
