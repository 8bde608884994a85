// The timeline end to end, through the real Go code on a throwaway database:
// add events with the quick-add line (and be refused without a time), mark
// one as the detection by editing it and see the header's duration follow,
// delete with Undo, filter by kind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot, startApp } from './harness.mjs';

async function eventually(fn, what, ms = 15_000) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what} (last: ${last})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

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
    await page.evaluate(() =>
      window.go.app.SystemAPI.SaveSettings({ theme: 'light', zone: 'Europe/Berlin', userName: 'Ana' }),
    );
    const inc = await page.evaluate(() =>
      window.go.app.IncidentsAPI.Create({
        title: 'Checkout returns 502 for EU customers',
        summary: '',
        severity: 'SEV2',
        status: 'investigating',
        services: ['checkout'],
        tags: [],
        commander: 'Ana',
        customerImpact: '',
        startedAt: '2026-11-23 14:00',
        detectedAt: '',
        mitigatedAt: '',
        resolvedAt: '',
        zone: 'Europe/Berlin',
      }),
    );
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

    await t.test('10,000 events scroll smoothly, fetched page by page', async () => {
      const big = await page.evaluate(async () => {
        const api = window.go.app;
        const i = await api.IncidentsAPI.Create({
          title: 'Ten thousand events', summary: '', severity: 'SEV3', status: 'investigating', services: [],
          tags: [], commander: '', customerImpact: '', startedAt: '2026-11-20 00:00', detectedAt: '',
          mitigatedAt: '', resolvedAt: '', zone: 'Europe/Berlin',
        });
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
      });
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
  } finally {
    await app.stop();
  }
});
