// Review meetings end to end through the real Go code, as a person uses
// them: the Meetings tab's empty state, a weekly series through its dialog
// (an empty name refused under the field), a new meeting whose default
// period the dialog shows, the agenda drawn up from incidents and an
// overdue action seeded relative to now (asserted against what the seed
// implies, not what the code says), a decision (an empty one refused) and
// an action created on an item, reorder with Alt+↓ surviving a reload,
// dismiss with # and Undo, h for the dismissed, presenting (→, d),
// marking held (regenerating is then refused), the minutes exported into
// a typed folder and passing markdownlint, and the time the meeting page
// takes to show its agenda.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, createIncident, eventually, saveSettings, median, startApp, themeShots, stepper } from './harness.mjs';

const ZONE = 'Europe/Berlin';
const SERIES = 'Weekly ops review';
const MARKDOWNLINT = path.join(REPO_ROOT, 'frontend', 'node_modules', '.bin', 'markdownlint-cli2');
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** A screenshot in light and dark, kept in docs/screenshots as meeting-<name>. */
const shots = (page, name) => themeShots(page, 'meeting', name);

// 'YYYY-MM-DD HH:mm' on Berlin's wall clocks.
const wall = new Intl.DateTimeFormat('sv-SE', {
  timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});
const berlin = (ms) => wall.format(new Date(ms)).replace(',', '').slice(0, 16);
/** date (YYYY-MM-DD) moved by n calendar days. */
const addDays = (date, n) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

const getMeeting = (page, ref) => page.evaluate((r) => window.go.app.MeetingsAPI.Meeting(r), ref);

test('review meetings: series, new meeting, agenda, decisions, actions, reorder, dismiss, present, held, export', { timeout: 900_000 }, async (t) => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'hindsight-mtg-export-'));
  const figures = {};
  let app = null;
  const began = Date.now();
  try {
    app = await startApp();
    figures.appStartMs = Date.now() - began;
    const testStart = Date.now();
    const page = await app.newPage();
    await saveSettings(page, { zone: ZONE, userName: 'Ana' });

    // ---- the seed, relative to now --------------------------------------
    // A meeting today at 10:00 (the dialog's default) of a weekly series
    // reviews [7 days ago 10:00, today 10:00) in Berlin. Everything below
    // is whole days back, so it lands where it says whatever the hour.
    const now = Date.now();
    const today = berlin(now).slice(0, 10);
    const at = (daysAgo, plusMs = 0) => berlin(now - daysAgo * DAY + plusMs);
    // In the period: a SEV1 and a SEV2 on checkout (a recurring service).
    const sev1 = await createIncident(page, {
      title: 'Checkout payments fail with 500s', severity: 'SEV1', status: 'resolved', services: ['checkout'],
      startedAt: at(3), detectedAt: at(3, 5 * 60_000), mitigatedAt: at(3, 30 * 60_000), resolvedAt: at(3, HOUR), zone: ZONE,
    });
    const sev2 = await createIncident(page, {
      title: 'Checkout latency above two seconds', severity: 'SEV2', status: 'investigating', services: ['checkout'],
      startedAt: at(2), zone: ZONE,
    });
    // Started before the period, resolved in it: on the agenda too.
    const older = await createIncident(page, {
      title: 'Search index rebuild stalls', severity: 'SEV3', status: 'resolved', services: ['search'],
      startedAt: at(10), resolvedAt: at(5), zone: ZONE,
    });
    // Over before the period: not on the agenda.
    const gone = await createIncident(page, {
      title: 'Billing emails delayed', severity: 'SEV2', status: 'resolved', services: ['billing'],
      startedAt: at(20), resolvedAt: at(19), zone: ZONE,
    });
    for (const i of [sev1, sev2, older, gone]) assert.ok(i?.ref, `seeded ${JSON.stringify(i)}`);
    const overdue = await page.evaluate(
      (inp) => window.go.app.ActionsAPI.Create(inp),
      {
        title: 'Add a retry budget to checkout', description: '', owner: 'Bo', due: addDays(today, -3), priority: '', type: '',
        status: '', reason: '', incident: sev1.id, link: '', verification: '', causeNodeId: '', meetingId: '', agendaItemId: '', zone: ZONE,
      },
    );
    assert.ok(overdue.overdue, 'the seeded action is overdue');
    // The window reads the settings (the zone) when it starts.
    await page.reload();
    await page.waitForSelector('#app > *', { state: 'attached', timeout: 60_000 });

    // What the agenda must hold, worked out from the seed: the three
    // incidents overlapping the period by severity; the overdue action;
    // checkout hit twice; the four trends. Incidents started: 2 in the
    // period (SEV1, SEV2), 1 in the one before (the search one).
    // Resolved in the period: the SEV1 after 1:00 and the search one
    // after 120:00, median 60:30 (written 2d 12:30 once spans of a day or
    // more show their days, as the window's charts do); none in the one
    // before.
    const incidentTitles = [
      `${sev1.ref} (SEV1): Checkout payments fail with 500s`,
      `${sev2.ref} (SEV2): Checkout latency above two seconds`,
      `${older.ref} (SEV3): Search index rebuild stalls`,
    ];
    const actionTitle = `${overdue.ref}: Add a retry budget to checkout`;
    const themeTitle = 'Service checkout was hit by 2 incidents';
    const countTrend = 'Incidents: 2 (previous period 1)';
    const resolveTrend = /^Median time to resolve: 2d 12:30 \(previous period —\)$/;
    const onTimeTrend = /^Actions done on time: /;
    const AGENDA_ITEMS = 3 + 1 + 1 + 4;

    // Each step builds on the one before: after a failure the rest are
    // skipped rather than each timing out on its own.
    const step = stepper(t);

    const rows = page.getByTestId('agenda-item');
    const row = (title) => rows.filter({ hasText: title });
    const sectionTitles = (name) =>
      page.locator(`[role="group"][aria-labelledby="agenda-sec-${name}"] [data-testid="agenda-item"] .title`).allTextContents();
    const trimmed = async (p) => (await p).map((s) => s.trim());
    const toasts = page.getByRole('region', { name: 'Notifications' });
    /** Selects an agenda line by clicking its title (not its links). */
    const select = async (title) => {
      await row(title).locator('.title').click();
      await eventually(async () => (await row(title).getAttribute('aria-selected')) === 'true', `“${title}” selected`);
      await eventually(async () => ((await page.locator('#agenda-panel-title').textContent()) ?? '').trim() === title, `the panel on “${title}”`);
    };

    await step('the empty Meetings tab teaches; a series is created, an empty name refused under its field', async () => {
      await page.evaluate(() => (location.hash = '#/reviews'));
      await page.getByRole('navigation', { name: 'Reviews' }).getByRole('link', { name: 'Meetings' }).click();
      await eventually(async () => page.url().endsWith('#/reviews/meetings'), 'the Meetings tab');
      const empty = page.getByRole('region', { name: 'No review meetings yet' });
      await empty.waitFor();
      assert.match(await empty.textContent(), /looks back over a period .* records\s+what you decided/s);
      await empty.getByRole('button', { name: 'Create a meeting series' }).click();

      const dialog = page.getByRole('dialog', { name: 'New meeting series' });
      await dialog.waitFor();
      assert.equal(await dialog.getByLabel('Time zone').inputValue(), ZONE, 'the zone starts as the user’s');
      assert.equal(await dialog.getByRole('radio', { name: 'Weekly' }).isChecked(), true, 'weekly by default');
      await dialog.getByRole('button', { name: /^Create series/ }).click();
      const err = dialog.locator('#series-name-err');
      await err.waitFor();
      assert.match(await err.textContent(), /^Name: is required/);
      const name = dialog.getByLabel('Name', { exact: true });
      assert.equal(await name.getAttribute('aria-invalid'), 'true');
      assert.match(await name.getAttribute('aria-describedby'), /series-name-err/);

      await name.fill(SERIES);
      await dialog.getByLabel('Facilitator').fill('Ana');
      const people = dialog.getByRole('combobox', { name: 'Attendees' });
      for (const p of ['Bo', 'Cy']) {
        await people.fill(p);
        await people.press('Enter');
      }
      await dialog.getByRole('button', { name: 'Remove Cy from Attendees' }).waitFor();
      await dialog.getByRole('button', { name: /^Create series/ }).click();
      await dialog.waitFor({ state: 'detached' });
      await toasts.getByText(`Series ${SERIES} created`).waitFor();
      const series = await page.evaluate(() => window.go.app.MeetingsAPI.Series());
      assert.equal(series.length, 1);
      assert.deepEqual(
        { name: series[0].name, cadence: series[0].cadence, zone: series[0].zone, facilitator: series[0].facilitator, attendees: series[0].attendees },
        { name: SERIES, cadence: 'weekly', zone: ZONE, facilitator: 'Ana', attendees: ['Bo', 'Cy'] },
      );
      await page.getByRole('region', { name: 'No meetings yet' }).waitFor();
    });

    await step('a new meeting shows its default period; created, its page lists the seeded agenda with trend charts', async () => {
      await page.getByRole('region', { name: 'No meetings yet' }).getByRole('button', { name: 'New meeting' }).click();
      const dialog = page.getByRole('dialog', { name: 'New review meeting' });
      await dialog.waitFor();
      assert.equal(await dialog.getByLabel('Date').inputValue(), today);
      assert.equal(await dialog.getByLabel('Time').inputValue(), '10:00');
      const period = `Reviews ${addDays(today, -7)} – ${today} (${ZONE}) — the week before the meeting`;
      await eventually(async () => ((await dialog.getByTestId('meeting-period').textContent()) ?? '').replace(/\s+/g, ' ').trim() === period,
        `the default period “${period}”`);
      assert.equal(await dialog.getByLabel('Facilitator').inputValue(), 'Ana', 'the series’ facilitator');
      assert.equal(await dialog.getByLabel('Title').getAttribute('placeholder'), `${SERIES} ${today}`);
      await shots(page, 'new');
      await dialog.getByRole('button', { name: /^Create meeting/ }).click();
      await dialog.waitFor({ state: 'detached' });
      await eventually(async () => page.url().endsWith('#/meetings/MTG-0001'), 'the meeting page of MTG-0001');
      await page.getByTestId('meeting-page').waitFor();
      assert.match(await page.locator('h1').textContent(), new RegExp(`${SERIES} ${today}`));
      assert.match((await page.getByTestId('meeting-header').getByTestId('meeting-period').textContent()).replace(/\s+/g, ' '), new RegExp(addDays(today, -7)));

      await eventually(async () => (await rows.count()) === AGENDA_ITEMS, `${AGENDA_ITEMS} agenda items`);
      const headings = await trimmed(page.locator('[data-testid="agenda"] h2').allTextContents());
      assert.deepEqual(headings, ['Incidents in the period', 'Actions', 'Recurring themes', 'Trends', 'Other business']);
      assert.deepEqual(await trimmed(sectionTitles('incidents')), incidentTitles, 'the incidents of the period, SEV1 first');
      assert.deepEqual(await trimmed(sectionTitles('actions')), [actionTitle]);
      assert.deepEqual(await trimmed(sectionTitles('themes')), [themeTitle]);
      const trends = await trimmed(sectionTitles('trends'));
      assert.equal(trends.length, 4);
      assert.ok(trends.includes(countTrend), `“${countTrend}” in ${JSON.stringify(trends)}`);
      assert.ok(trends.some((x) => resolveTrend.test(x)), `${resolveTrend} in ${JSON.stringify(trends)}`);
      assert.equal(await row('Billing emails delayed').count(), 0, 'an incident over before the period is not on it');
      // A uPlot chart per trend, and its words for screen readers.
      const sparks = page.getByTestId('agenda').getByTestId('trend-spark');
      assert.equal(await sparks.count(), 4);
      await eventually(async () => (await sparks.locator('canvas').count()) === 4, 'a canvas in each spark');
      const said = await sparks.first().locator('.sr-only').textContent();
      assert.ok(said.trim().length > 10, `the spark says what it shows: ${said}`);
    });

    await step('an item: an empty decision refused, a decision recorded, an action created and stored linked', async () => {
      await select(incidentTitles[0]);
      const panel = page.getByTestId('agenda-panel');
      assert.match(await panel.textContent(), /Time to detect 0:05, to mitigate 0:30, to resolve 1:00/);
      const decision = panel.getByLabel('Add a decision');
      await decision.press('Enter');
      const err = panel.locator('#agenda-decision-err');
      await err.waitFor();
      assert.match(await err.textContent(), /required/);
      assert.equal(await decision.getAttribute('aria-invalid'), 'true');
      await decision.fill('Add a circuit breaker on the payment provider');
      await decision.press('Enter');
      await panel.locator('.decisions li', { hasText: 'Add a circuit breaker on the payment provider' }).waitFor();
      await err.waitFor({ state: 'detached' });
      await row(incidentTitles[0]).getByText('1 decision').waitFor();

      const due = addDays(today, 7);
      await panel.getByLabel('Create an action').fill('Alert on the payment error rate');
      await panel.getByLabel('Owner', { exact: true }).fill('Cy');
      await panel.getByLabel('Due', { exact: true }).fill(due);
      await panel.getByRole('button', { name: 'Create action' }).click();
      const created = panel.locator('.created li', { hasText: 'Alert on the payment error rate' });
      await created.waitFor();
      assert.match(await created.textContent(), new RegExp(`ACT-\\d+ Alert on the payment error rate · Cy · due ${due}`));
      assert.equal(await panel.getByLabel('Create an action').inputValue(), '', 'the form starts again empty');

      const m = await getMeeting(page, 'MTG-0001');
      const act = m.actions.find((a) => a.title === 'Alert on the payment error rate');
      assert.ok(act, 'the action is the meeting’s');
      assert.deepEqual({ owner: act.owner, due: act.due, incident: act.incidentRef }, { owner: 'Cy', due, incident: sev1.ref });
      const item = m.items.find((i) => i.title === incidentTitles[0]);
      assert.deepEqual(item.actions, [act.ref], 'linked to the item');
      assert.deepEqual(item.decisions.map((d) => [d.text, d.author]), [['Add a circuit breaker on the payment provider', 'Ana']]);
      figures.action = act.ref;
      await page.evaluate(() => {
        if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
        const col = document.querySelector('.panel-col');
        if (col) col.scrollTop = 0;
      });
      await shots(page, 'page');
    });

    await step('Alt+↓ reorders within the section and the order survives a reload', async () => {
      await select(incidentTitles[0]);
      await page.keyboard.press('Alt+ArrowDown');
      const moved = [incidentTitles[1], incidentTitles[0], incidentTitles[2]];
      await eventually(async () => JSON.stringify(await trimmed(sectionTitles('incidents'))) === JSON.stringify(moved), 'the SEV1 below the SEV2');
      await eventually(async () => {
        const m = await getMeeting(page, 'MTG-0001');
        const pos = (t) => m.items.find((i) => i.title === t).position;
        return pos(incidentTitles[1]) < pos(incidentTitles[0]) && pos(incidentTitles[0]) < pos(incidentTitles[2]);
      }, 'the new order stored');
      await page.reload();
      await page.getByTestId('meeting-page').waitFor();
      await eventually(async () => (await rows.count()) === AGENDA_ITEMS, 'the agenda after a reload');
      assert.deepEqual(await trimmed(sectionTitles('incidents')), moved, 'the order after a reload');
    });

    await step('# dismisses with an Undo; dismissed again, h shows it', async () => {
      const trend = (await trimmed(sectionTitles('trends'))).find((x) => onTimeTrend.test(x));
      await select(trend);
      await page.keyboard.press('#');
      await eventually(async () => (await rows.count()) === AGENDA_ITEMS - 1, 'the item off the agenda');
      assert.equal(await row(trend).count(), 0);
      const note = toasts.locator('.toast', { hasText: `Dismissed “${trend}”` });
      await note.getByRole('button', { name: 'Undo' }).click();
      await eventually(async () => (await rows.count()) === AGENDA_ITEMS, 'the item back after Undo');
      await eventually(async () => !(await getMeeting(page, 'MTG-0001')).items.find((i) => i.title === trend).dismissed, 'restored in the store');
      await select(trend);
      await page.keyboard.press('#');
      await eventually(async () => (await rows.count()) === AGENDA_ITEMS - 1, 'dismissed again');
      assert.ok((await getMeeting(page, 'MTG-0001')).items.find((i) => i.title === trend).dismissed, 'dismissed in the store');
      const toggle = page.getByRole('button', { name: /Show 1 dismissed/ });
      await toggle.waitFor();
      await page.locator('[data-testid="agenda"]').focus();
      await page.keyboard.press('h');
      await eventually(async () => (await rows.count()) === AGENDA_ITEMS, 'h shows the dismissed item');
      assert.match(await row(trend).getAttribute('class'), /\bdismissed\b/);
      assert.match(await row(trend).textContent(), /Dismissed:/);
      await page.getByRole('button', { name: /Hide 1 dismissed/ }).waitFor();
      await page.keyboard.press('h');
      await eventually(async () => (await rows.count()) === AGENDA_ITEMS - 1, 'h hides it again');
    });

    await step('presenting: 1 / N, → to the next, d records a decision, Esc back to the page', async () => {
      const shown = AGENDA_ITEMS - 1;
      await select(incidentTitles[1]); // first on the agenda since the move
      await page.keyboard.press('p');
      const present = page.getByTestId('meeting-present');
      await present.waitFor();
      await eventually(async () => page.url().endsWith('#/meetings/MTG-0001/present'), 'the presenting address');
      const count = present.locator('.count');
      assert.equal((await count.textContent()).trim(), `1 / ${shown}`);
      assert.equal((await present.locator('#present-title').textContent()).trim(), incidentTitles[1]);
      await page.keyboard.press('ArrowRight');
      await eventually(async () => (await count.textContent()).trim() === `2 / ${shown}`, `2 / ${shown}`);
      assert.equal((await present.locator('#present-title').textContent()).trim(), incidentTitles[0]);
      assert.match(await present.getByTestId('present-decisions').textContent(), /Add a circuit breaker on the payment provider/);
      await page.keyboard.press('d');
      const input = present.getByLabel('Decision', { exact: true });
      await input.waitFor();
      await input.fill('Review the checkout alert thresholds monthly');
      await input.press('Enter');
      await present.getByTestId('present-decisions').getByText('Review the checkout alert thresholds monthly').waitFor();
      await shots(page, 'present');
      await page.keyboard.press('Home');
      await eventually(async () => (await count.textContent()).trim() === `1 / ${shown}`, 'Home goes to the first item');
      await page.keyboard.press('End');
      await eventually(async () => (await count.textContent()).trim() === `${shown} / ${shown}`, 'End goes to the last');
      const lastShown = (await present.locator('#present-title').textContent()).trim();
      await page.keyboard.press('Escape');
      await present.waitFor({ state: 'detached' });
      await eventually(async () => page.url().endsWith('#/meetings/MTG-0001'), 'back on the meeting page');
      // Back on the page, the item last shown is the one selected.
      await eventually(async () => (await row(lastShown).getAttribute('aria-selected')) === 'true', `“${lastShown}” selected after presenting`);
      const m = await getMeeting(page, 'MTG-0001');
      assert.deepEqual(
        m.items.find((i) => i.title === incidentTitles[0]).decisions.map((d) => d.text),
        ['Add a circuit breaker on the payment provider', 'Review the checkout alert thresholds monthly'],
      );
      // The page reloads on leaving the presenting view: the decision shows at once.
      await eventually(async () => (await row(incidentTitles[0]).textContent()).includes('2 decisions'), 'the decision made while presenting on the page', 5_000);
      await select(incidentTitles[0]);
      await page.getByTestId('agenda-panel').locator('.decisions li', { hasText: 'Review the checkout alert thresholds monthly' }).waitFor();
    });

    await step('s marks it held; r is refused with the reason', async () => {
      await page.keyboard.press('s');
      const status = page.getByTestId('meeting-status');
      await eventually(async () => (await status.textContent()).trim() === 'Held', 'Held');
      await toasts.getByText('MTG-0001 marked held').waitFor();
      const m = await getMeeting(page, 'MTG-0001');
      assert.equal(m.status, 'held');
      assert.ok(m.heldAt, 'the time it was held');
      assert.match(m.fileName, /-minutes\.md$/);
      const regen = page.getByRole('button', { name: /Regenerate agenda/ });
      assert.equal(await regen.isDisabled(), true);
      assert.match(await regen.getAttribute('title'), /held meeting’s agenda is its record/);
      await page.keyboard.press('r');
      await toasts.getByText(/A held meeting’s agenda is its record: set it back to planned to regenerate it/).waitFor();
      const after = await getMeeting(page, 'MTG-0001');
      assert.equal(after.items.length, m.items.length, 'nothing regenerated');
    });

    await step('x exports the minutes into a typed folder; they hold the decisions and the action, and pass markdownlint', async () => {
      const m = await getMeeting(page, 'MTG-0001');
      await page.locator('[data-testid="agenda"]').focus();
      await page.keyboard.press('x');
      const dialog = page.getByRole('dialog', { name: 'Export minutes' });
      await dialog.waitFor();
      assert.equal((await dialog.getByTestId('mtg-export-file').textContent()).trim(), m.fileName);
      await dialog.getByLabel('Folder').fill(out);
      await shots(page, 'export');
      await dialog.getByLabel('Folder').press('Enter');
      await dialog.waitFor({ state: 'detached' });
      const file = path.join(out, m.fileName);
      await toasts.getByText(`Minutes written to ${file}`).waitFor();
      assert.deepEqual(fs.readdirSync(out), [m.fileName], 'one file, the minutes');
      const md = fs.readFileSync(file, 'utf8');
      assert.match(md, /^# .*: minutes$/m);
      assert.match(md, /^status: "held"$/m);
      for (const d of ['Add a circuit breaker on the payment provider', 'Review the checkout alert thresholds monthly']) {
        assert.match(md, new RegExp(`^\\| \\d+ \\| ${d} \\| Ana \\|$`, 'm'), `the decision “${d}” in the minutes`);
      }
      const act = m.actions.find((a) => a.title === 'Alert on the payment error rate');
      assert.match(md, new RegExp(`^\\| ${act.ref} \\| Alert on the payment error rate \\| Cy \\| ${act.due} \\| \\w+ \\| ${sev1.ref} \\|$`, 'm'),
        'the action with its owner in the minutes');
      assert.ok(!md.includes('Actions done on time'), 'the dismissed item is left out');
      for (const title of [...incidentTitles, actionTitle, themeTitle, countTrend]) assert.ok(md.includes(title), `“${title}” in the minutes`);
      figures.minutesBytes = md.length;

      if (fs.existsSync(MARKDOWNLINT)) {
        try {
          execFileSync(MARKDOWNLINT, [m.fileName], { cwd: out, encoding: 'utf8', stdio: 'pipe' });
        } catch (e) {
          assert.fail(`markdownlint on the exported minutes failed:\n${e.stdout}${e.stderr}`);
        }
        figures.markdownlint = 'passed';
      } else {
        figures.markdownlint = 'not installed';
      }

      // Again: the folder is remembered, the file is there → Overwrite is offered.
      await page.keyboard.press('x');
      await dialog.waitFor();
      await eventually(async () => (await dialog.getByLabel('Folder').inputValue()) === out, 'the last folder offered');
      await dialog.getByLabel('Folder').press('Enter');
      const err = dialog.getByTestId('mtg-export-error');
      await err.waitFor();
      assert.match(await err.textContent(), /exist/i);
      await dialog.getByRole('button', { name: 'Overwrite' }).waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
    });

    await step('Esc goes back to the list, which shows the meeting held', async () => {
      await page.locator('[data-testid="agenda"]').focus();
      await page.keyboard.press('Escape');
      await eventually(async () => page.url().endsWith('#/reviews/meetings'), 'the meetings list');
      const listRow = page.getByTestId('meeting-row');
      await eventually(async () => (await listRow.count()) === 1, 'one meeting listed');
      assert.match(await listRow.textContent(), new RegExp(`MTG-0001.*${SERIES} ${today}.*${SERIES}.*Held`, 's'));
      assert.match(await listRow.textContent(), new RegExp(`${addDays(today, -7)} – ${today}`));
      assert.equal((await page.getByTestId('meetings-count').textContent()).trim(), '1 meeting');
      await shots(page, 'list');
      // The palette opens a meeting by its reference.
      await page.keyboard.press('Control+k');
      await page.keyboard.type('mtg 1');
      await page.getByRole('option', { name: 'Open MTG-0001' }).waitFor();
      await page.keyboard.press('Enter');
      await eventually(async () => page.url().endsWith('#/meetings/MTG-0001'), 'the palette opened MTG-0001');
      await page.getByTestId('agenda-item').first().waitFor();
    });

    await step('the meeting page opening in the window, timed', async () => {
      // From another meeting's page, so nothing of MTG-0001 is held in memory.
      const baseline = (
        await page.evaluate(
          ({ series, date }) =>
            window.go.app.MeetingsAPI.Create({ series, title: 'Timing baseline', date, time: '09:00', from: '', to: '', facilitator: '', attendees: [] }),
          { series: SERIES, date: addDays(today, 1) },
        )
      ).ref;
      const shown = (await getMeeting(page, 'MTG-0001')).items.filter((i) => !i.dismissed).length;
      const runs = [];
      for (let k = 0; k < 5; k++) {
        runs.push(
          await page.evaluate(
            async ({ from, to }) => {
              const frame = () => new Promise((r) => requestAnimationFrame(r));
              const ready = (ref) => {
                const head = document.querySelector('[data-testid="meeting-header"] .ref');
                const first = document.querySelector('[data-testid="agenda-item"]');
                return !!head && head.textContent.startsWith(ref) && !!first && first.getBoundingClientRect().height > 0;
              };
              location.hash = `#/meetings/${from}`;
              for (let i = 0; i < 600 && !ready(from); i++) await frame();
              await new Promise((r) => setTimeout(r, 200));
              const t0 = performance.now();
              location.hash = `#/meetings/${to}`;
              for (let i = 0; i < 600 && !ready(to); i++) await frame();
              if (!ready(to)) return -1;
              return performance.now() - t0;
            },
            { from: baseline, to: 'MTG-0001' },
          ),
        );
      }
      assert.ok(runs.every((r) => r > 0), `every run showed the agenda: ${runs}`);
      figures.meetingOpenMs = Math.round(median(runs));
      figures.meetingOpenRunsMs = runs.map((r) => Math.round(r)).join(', ');
      figures.meetingOpenItems = shown;
      console.log(`figure: meeting page open (agenda with ${shown} items): median ${figures.meetingOpenMs} ms over ${runs.length} runs (${figures.meetingOpenRunsMs})`);
      assert.deepEqual(page.consoleErrors, [], 'no console errors');
    });

    figures.testMs = Date.now() - testStart;
    console.log('meetings figures:', JSON.stringify(figures));
  } finally {
    await app?.stop();
    fs.rmSync(out, { recursive: true, force: true });
  }
});
