// The Postmortem tab end to end through the real Go code: start one from a
// template on a fresh incident; on the sample incident (whose draft comes
// with the demo, and with a metric snapshot from a real Prometheus) type a
// sentence that blames a person and see the hint, the live preview with the
// timeline table and the chart, autosave surviving a reload, a revision and
// its diff, the review round trip (changes asked with a comment, approve,
// publish), export to a folder with the overwrite question, the preview time
// of a 200 KB document; then an XSS corpus through the preview that must
// neither run nor leave anything active, and links that never navigate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, createIncident, eventually, saveSettings, screenshot, startApp } from './harness.mjs';
import { demoSeries, demoStart, startPrometheus } from './prometheus.mjs';

const ZONE = 'Europe/Berlin';
const HINT_TEXT = 'The outage happened because of human error during the deploy.';
const SHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');

/** A screenshot in light and dark, kept in docs/screenshots as postmortem-<name>. */
async function shots(page, name) {
  for (const theme of ['light', 'dark']) {
    await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
    await page.waitForTimeout(250);
    const file = await screenshot(page, `postmortem-${name}${theme === 'dark' ? '-dark' : ''}`);
    fs.copyFileSync(file, path.join(SHOTS, path.basename(file)));
  }
  await page.evaluate(() => (document.documentElement.dataset.theme = 'light'));
}

const editorText = (page) => page.locator('.cm-content').evaluate((el) => el.cmView?.view?.state?.doc?.toString() ?? el.innerText);

/** Replaces the editor's whole text as a person pasting would. */
async function setEditor(page, text) {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

async function waitSaved(page) {
  await eventually(async () => /^Saved \d\d:\d\d:\d\d \S+/.test(((await page.getByTestId('pm-save').textContent()) ?? '').trim()), 'Saved hh:mm:ss ZONE');
}

test('postmortem: start, write with hints and preview, autosave, revisions, review, export, XSS', { timeout: 900_000 }, async (t) => {
  const start = demoStart();
  const prom = await startPrometheus(demoSeries(start));
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'hindsight-pm-export-'));
  const figures = {};
  let app = null;
  try {
    app = await startApp();
    let page = await app.newPage();
    await saveSettings(page, { zone: ZONE, userName: 'Ana' });
    const demo = await page.evaluate(() => window.go.app.SystemAPI.LoadDemo());
    const fresh = await createIncident(page, { title: 'Search shows stale results', zone: ZONE });
    // A snapshot on the demo incident, so {{metrics}} draws a chart.
    await page.evaluate(
      async ({ url, incident, zone }) => {
        const src = await window.go.app.MetricsAPI.SaveSource(
          '',
          { name: 'prom', kind: 'prometheus', url, auth: 'none', username: '', secretEnv: '', caFile: '', skipVerify: false, timeoutSeconds: 0 },
          '',
        );
        await window.go.app.MetricsAPI.AddSnapshot('e2e', {
          incident, source: src.id, query: 'http_request_duration_seconds{quantile="0.99",service="checkout-api"}', title: 'checkout p99', start: '', end: '', step: '', zone,
        });
      },
      { url: prom.url, incident: demo.id, zone: ZONE },
    );
    await page.close();
    page = await app.newPage();
    const dialogs = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const go = (ref) => page.evaluate((r) => (location.hash = `#/incidents/${r}/postmortem`), ref);

    await t.test('the empty tab teaches and starts from the SRE template with Enter', async () => {
      await go(fresh.ref);
      await page.getByRole('heading', { name: 'No postmortem yet' }).waitFor();
      const radios = page.getByRole('radio', { name: /postmortem/i });
      await eventually(async () => (await radios.count()) >= 2, 'the built-in templates');
      await page.getByRole('radio', { name: /^SRE postmortem/ }).check();
      await shots(page, 'empty');
      await page.getByLabel('Title (optional)').fill('Stale search results');
      await page.getByLabel('Title (optional)').press('Enter');
      await page.locator('.cm-content').waitFor();
      assert.equal(await page.getByTestId('pm-status').textContent(), 'Draft');
      assert.match(await editorText(page), /##/);
      assert.equal(await page.locator('#pm-title').inputValue(), 'Stale search results');
      // An unknown placeholder is listed under the editor with its line; a click goes there.
      await eventually(() => page.locator('.cm-content').evaluate((el) => el === document.activeElement), 'the editor focused after the start');
      await page.keyboard.press('Control+Home');
      await page.keyboard.type('{{no_such_thing}}\n');
      const problem = page.getByTestId('pm-problems').getByRole('button', { name: /Line 1 .*no_such_thing/ });
      await problem.waitFor();
      await page.keyboard.press('Control+End');
      await problem.click();
      await eventually(
        () => page.locator('.cm-activeLine').evaluate((el) => el.textContent.includes('no_such_thing')),
        'the cursor on the problem line',
      );
      // Placeholders: insert one at the cursor; freeze {{timeline}} into its text.
      await page.getByRole('button', { name: 'Placeholders…' }).click();
      const ph = page.getByRole('dialog', { name: 'Insert a placeholder' });
      await ph.getByRole('button', { name: /\{\{durations\}\}/ }).focus();
      await page.keyboard.press('Enter');
      await ph.waitFor({ state: 'detached' });
      await eventually(
        async () => (await page.evaluate((id) => window.go.app.PostmortemsAPI.Get(id), fresh.id)).body.match(/\{\{durations\}\}/g)?.length === 2,
        'a second {{durations}} saved',
      );
      await page.getByRole('button', { name: 'Freeze section…' }).click();
      const fz = page.getByRole('dialog', { name: 'Freeze a section' });
      await fz.getByRole('button', { name: /\{\{timeline\}\}/ }).click();
      await page.getByText('{{timeline}} frozen').waitFor();
      await eventually(
        async () => !(await page.evaluate((id) => window.go.app.PostmortemsAPI.Get(id), fresh.id)).body.includes('{{timeline}}'),
        'the frozen timeline saved',
      );
      // p cycles the layout: split → preview only → editor only → split.
      await page.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
      await page.keyboard.press('p');
      await page.locator('.preview-pane').waitFor();
      await page.locator('.edit-pane').waitFor({ state: 'hidden' });
      await page.keyboard.press('p');
      await page.locator('.edit-pane').waitFor();
      await page.locator('.preview-pane').waitFor({ state: 'hidden' });
      await page.keyboard.press('p');
      await page.getByTestId('pm-preview').waitFor();
      await waitSaved(page);
    });

    await t.test('typing "human error" underlines it with the suggestion; the preview shows the timeline and the chart', async () => {
      await go(demo.ref);
      await page.locator('.cm-content').waitFor();
      const draft = await page.evaluate((id) => window.go.app.PostmortemsAPI.Get(id), demo.id);
      assert.equal(draft.template, 'sre', 'the demo comes with a draft from the SRE template');
      assert.match(draft.body, /\{\{metrics\}\}/);
      await page.locator('body').click({ position: { x: 5, y: 790 } });
      await page.keyboard.press('e');
      await eventually(() => page.locator('.cm-content').evaluate((el) => el === document.activeElement), 'e focuses the editor');
      await page.keyboard.press('Control+End');
      await page.keyboard.type(`\n\n${HINT_TEXT}\n`);
      const underline = page.locator('.cm-lintRange-warning', { hasText: 'human error' });
      await underline.first().waitFor();
      await underline.first().hover();
      const tip = page.locator('.cm-tooltip-lint');
      await tip.waitFor();
      assert.match(await tip.textContent(), /human error — /);
      figures.hintTooltip = (await tip.textContent()).trim();
      assert.match(await page.getByTestId('pm-hints').textContent(), /\d+ blameless hints?/);
      const preview = page.getByTestId('pm-preview');
      await eventually(async () => (await preview.textContent()).includes('because of human error'), 'the preview with the typed text');
      assert.ok((await preview.locator('table').count()) > 0, 'a live table from {{timeline}}');
      await eventually(async () => (await preview.locator('img[src^="data:image/svg+xml"]').count()) > 0, 'a chart image from {{metrics}}');
      await waitSaved(page);
      await shots(page, 'editor');
    });

    await t.test('autosaved text survives a reload', async () => {
      await page.reload();
      await page.locator('.cm-content').click();
      await page.keyboard.press('Control+End');
      await eventually(async () => (await editorText(page)).includes(HINT_TEXT), 'the typed text in the editor after a reload');
      const pm = await page.evaluate((id) => window.go.app.PostmortemsAPI.Get(id), demo.id);
      assert.ok(pm.body.includes(HINT_TEXT));
    });

    await t.test('leaving the tab right after typing saves what was typed', async () => {
      await page.locator('.cm-content').click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type('Typed just before leaving.');
      await page.getByRole('tab', { name: 'Timeline' }).click();
      await eventually(
        async () => (await page.evaluate((id) => window.go.app.PostmortemsAPI.Get(id), demo.id)).body.includes('Typed just before leaving.'),
        'the text saved on leaving',
      );
      await page.getByRole('tab', { name: 'Postmortem' }).click();
      await page.locator('.cm-content').waitFor();
    });

    await t.test('a saved revision and its diff against the text now', async () => {
      await page.getByRole('button', { name: 'Save revision…' }).click();
      await page.getByLabel('Revision note').fill('before the review');
      await page.getByLabel('Revision note').press('Enter');
      await page.getByText('Revision kept: before the review').waitFor();
      await page.locator('.cm-content').click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type('Added after the revision: the pool limit is now enforced.\n');
      await waitSaved(page);
      await page.keyboard.press('Escape');
      await page.keyboard.press('h');
      const dialog = page.getByRole('dialog', { name: 'Revisions' });
      await dialog.waitFor();
      await dialog.getByRole('option', { name: /before the review/ }).click();
      const added = dialog.getByTestId('pm-diff').locator('.row.add', { hasText: 'pool limit is now enforced' });
      await added.waitFor();
      assert.equal((await added.locator('.sign').textContent()).trim(), '+');
      await shots(page, 'revisions');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
    });

    await t.test('review: submit, changes need a comment, resubmit, approve, publish', async () => {
      await page.getByRole('button', { name: 'Submit for review…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Submit for review' });
      await dialog.getByRole('combobox', { name: 'Reviewers' }).fill('Bo');
      await dialog.getByRole('combobox', { name: 'Reviewers' }).press('Enter');
      await dialog.getByRole('combobox', { name: 'Reviewers' }).press('Control+Enter');
      await dialog.waitFor({ state: 'detached' });
      await eventually(async () => (await page.getByTestId('pm-status').textContent()) === 'In review', 'In review');
      await page.getByTestId('pm-locked').waitFor();
      assert.equal(await page.locator('.cm-content').getAttribute('contenteditable'), 'true');
      // Typing changes nothing: the editor is read-only.
      const before = await editorText(page);
      await page.locator('.cm-content').click();
      await page.keyboard.type('x');
      assert.equal(await editorText(page), before);

      const review = page.getByTestId('pm-review');
      await review.getByRole('button', { name: 'Request changes' }).click();
      const err = page.locator('#pm-comment-err');
      await err.waitFor();
      assert.match(await err.textContent(), /required/);
      assert.equal(await page.getByLabel(/^Comment/).getAttribute('aria-invalid'), 'true');
      await page.getByLabel(/^Comment/).fill('Say what the pool limit was before.');
      await review.getByRole('button', { name: 'Request changes' }).click();
      await eventually(async () => (await page.getByTestId('pm-status').textContent()) === 'Draft', 'back to Draft');

      // Resubmitted from the command palette this time.
      await page.keyboard.press('Control+k');
      await page.keyboard.type('submit the postmortem');
      await page.getByRole('option', { name: 'Submit the postmortem for review' }).waitFor();
      await page.keyboard.press('Enter');
      const again = page.getByRole('dialog', { name: 'Submit for review' });
      await again.getByText('Bo', { exact: true }).waitFor();
      await again.getByRole('button', { name: /^Submit/ }).click();
      await eventually(async () => (await page.getByTestId('pm-status').textContent()) === 'In review', 'In review again');
      await review.getByRole('button', { name: 'Approve' }).click();
      await eventually(async () => (await page.getByTestId('pm-status').textContent()) === 'Approved', 'Approved');
      await review.getByRole('cell', { name: 'Say what the pool limit was before.' }).waitFor();
      await review.scrollIntoViewIfNeeded();
      await shots(page, 'review');
      await page.getByRole('button', { name: 'Publish' }).click();
      await eventually(async () => (await page.getByTestId('pm-status').textContent()) === 'Published', 'Published');
      await page.getByRole('button', { name: 'Reopen' }).waitFor();
    });

    await t.test('Reviews lists what is not published yet; All lists every postmortem and a row opens it', async () => {
      await page.evaluate(() => (location.hash = '#/reviews'));
      const rows = page.getByTestId('review-row');
      // The demo's postmortem is published now: only the fresh one waits.
      await eventually(async () => (await rows.count()) === 1, 'one postmortem not published');
      assert.match(await rows.first().textContent(), new RegExp(fresh.ref));
      await page.getByRole('radio', { name: 'All' }).check();
      await eventually(async () => (await rows.count()) === 2, 'both postmortems under All');
      await shots(page, 'reviews');
      await rows.filter({ hasText: demo.ref }).getByRole('link', { name: demo.ref }).click();
      await eventually(async () => page.url().endsWith(`#/incidents/${demo.ref}/postmortem`), 'the demo postmortem opened');
      await eventually(async () => (await page.getByTestId('pm-status').textContent()) === 'Published', 'its tab shown');
    });

    await t.test('export into a typed folder, then again: already exists → Overwrite', async () => {
      await page.locator('body').click({ position: { x: 5, y: 790 } });
      await page.keyboard.press('x');
      const dialog = page.getByRole('dialog', { name: 'Export the postmortem' });
      await dialog.waitFor();
      await dialog.getByLabel('Folder').fill(out);
      await dialog.getByLabel('Folder').press('Enter');
      await dialog.getByTestId('pm-export-result').waitFor();
      const md = fs.readdirSync(out).find((f) => f.endsWith('.md'));
      assert.ok(md, `a markdown file in ${fs.readdirSync(out).join(', ')}`);
      assert.ok(fs.readFileSync(path.join(out, md), 'utf8').includes(HINT_TEXT), 'the export holds the typed text');
      const assets = path.join(out, 'assets', demo.ref);
      assert.ok(fs.readdirSync(assets).some((f) => f.endsWith('.svg')), 'the chart next to it');
      assert.ok(fs.readdirSync(assets).some((f) => f.endsWith('.csv')), 'its data next to it');
      figures.exported = fs.readdirSync(out, { recursive: true });
      await dialog.getByRole('button', { name: /^Export/ }).click();
      const err = dialog.getByTestId('pm-export-error');
      await err.waitFor();
      assert.match(await err.textContent(), /exist/i);
      assert.equal(await dialog.getByLabel('Folder').getAttribute('aria-invalid'), 'true');
      await shots(page, 'export');
      await dialog.getByRole('button', { name: 'Overwrite' }).click();
      await dialog.getByTestId('pm-export-result').waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
    });

    await t.test('the preview of a 200 KB document', async () => {
      await page.getByRole('button', { name: 'Reopen' }).click();
      await eventually(async () => (await page.getByTestId('pm-status').textContent()) === 'Draft', 'Draft after reopening');
      const para = 'The connection pool was resized from 50 to 10 and retries amplified the load on the database. ';
      let big = '# Big\n\n{{timeline}}\n\n';
      while (big.length < 200_000) big += `## Part ${big.length}\n\n${para.repeat(8)}\n\n`;
      big += 'END-OF-BIG\n';
      await setEditor(page, big);
      const t0 = Date.now();
      const preview = page.getByTestId('pm-preview');
      await eventually(async () => (await preview.textContent()).includes('END-OF-BIG'), 'the big preview', 30_000, 20);
      figures.previewWallMs = Date.now() - t0;
      figures.preview200kbMs = Number(await preview.getAttribute('data-ms'));
      figures.preview200kbGoMs = Math.round(Number(await preview.getAttribute('data-go-micros')) / 1000);
      figures.preview200kbBytes = big.length;
      console.log('preview-200kb-ms', figures.preview200kbMs, 'of which Go', figures.preview200kbGoMs,
        'wall from paste to preview (debounce included)', figures.previewWallMs);
      await waitSaved(page);
    });

    await t.test('XSS corpus: nothing runs, nothing active is left, links do not navigate', async () => {
      await go(fresh.ref);
      await page.locator('.cm-content').waitFor();
      const payloads = [
        '<script>alert(1)</script>',
        '<script>window.__xss=1</script>',
        '<img src=x onerror=alert(1)>',
        '<img src=x onerror="window.__xss=1">',
        '<svg onload=alert(1)><script>alert(1)</script></svg>',
        '<svg onload="window.__xss=1"></svg>',
        '<iframe src="javascript:alert(1)"></iframe>',
        '[a](javascript:alert(1))',
        '[a2](javascript:window.__xss=1)',
        '[b](javascript&colon;alert(1))',
        '[c](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
        `![d](data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="window.__xss=1"><script>alert(1)</script></svg>').toString('base64')})`,
        '<a href="javascript:alert(1)">e</a>',
        '<details open ontoggle=alert(1)>',
        '<details open ontoggle="window.__xss=1"><summary>s</summary></details>',
        '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
        '<object data="javascript:alert(1)"></object>',
        '<embed src="javascript:alert(1)">',
        '<form action="javascript:alert(1)"><button>f</button></form>',
        '[g](vbscript:msgbox(1))',
        '<base href="javascript:alert(1)//">',
        '<javascript:alert(1)>',
        '<javascript:window.__xss=1>',
        '[h](JaVaScRiPt:alert(1))',
        '[i](  javascript:alert(1))',
        '[j](https://example.com/ok)',
        '<https://example.com/auto>',
        '<a href="#section">anchor</a>',
      ];
      const corpus = `# XSS\n\n${payloads.map((p) => `${p}\n`).join('\n')}\nXSS-END\n`;
      const url = page.url();
      await setEditor(page, corpus);
      const preview = page.getByTestId('pm-preview');
      await eventually(async () => (await preview.textContent()).includes('XSS-END'), 'the corpus rendered');
      await page.waitForTimeout(500);
      const found = await preview.evaluate((el) => {
        const bad = [];
        for (const n of el.querySelectorAll('script, iframe, object, embed, form, base, style, svg, math, details[ontoggle]')) bad.push(n.outerHTML);
        for (const n of el.querySelectorAll('*')) {
          for (const a of n.attributes) {
            if (/^on/i.test(a.name)) bad.push(`${n.tagName} ${a.name}`);
            if (['href', 'src', 'action', 'data', 'formaction', 'xlink:href'].includes(a.name) && /^\s*(javascript|vbscript|data):/i.test(a.value)) {
              bad.push(`${n.tagName} ${a.name}=${a.value.slice(0, 40)}`);
            }
          }
        }
        return bad;
      });
      assert.deepEqual(found, [], 'nothing active in the preview');
      assert.equal(await page.evaluate(() => window.__xss), undefined, 'the canary stays unset');
      // Every link: clicked, nothing navigates and no window opens.
      const links = preview.locator('a');
      const n = await links.count();
      assert.ok(n >= 1, 'the harmless links are there');
      const popups = [];
      page.context().on('page', (p) => popups.push(p.url()));
      for (let i = 0; i < n; i++) {
        await links.nth(i).click({ force: true });
        await links.nth(i).click({ force: true, button: 'middle' });
        await page.waitForTimeout(100);
        assert.equal(page.url(), url, `link ${i} did not navigate`);
      }
      assert.deepEqual(popups, [], 'no new window');
      await page.getByTestId('pm-link').waitFor();
      assert.deepEqual(dialogs, [], 'no alert fired');
      assert.equal(await page.evaluate(() => window.__xss), undefined, 'the canary stays unset after the clicks');
      figures.xssLinks = n;
    });

    await t.test('Settings → Postmortems: a bad deadline is refused under its field', async () => {
      await page.evaluate(() => (location.hash = '#/settings'));
      const section = page.getByRole('region', { name: 'Postmortems' });
      await section.getByLabel(/^SEV2/).fill('3 weeks');
      await section.getByLabel(/^SEV2/).press('Tab');
      const err = section.locator('#pm-due-SEV2-err');
      await err.waitFor();
      assert.equal(await section.getByLabel(/^SEV2/).getAttribute('aria-invalid'), 'true');
      await err.evaluate((el) => el.scrollIntoView({ block: 'end' }));
      await shots(page, 'settings');
      await section.getByRole('button', { name: 'Add template' }).click();
      await section.getByLabel('Name', { exact: true }).fill('ours');
      await section.getByLabel('Title', { exact: true }).fill('Our postmortem');
      await section.getByLabel('Description', { exact: true }).fill('The team format');
      await section.getByLabel(/^SEV2/).fill('5bd');
      await section.getByRole('button', { name: 'Save template' }).click();
      await section.getByText('Template saved').waitFor();
      assert.match(await section.getByText(/This is the built-in list/).textContent(), /built-in/);
      const list = await page.evaluate(() => window.go.app.PostmortemsAPI.Templates());
      assert.equal(list[0].name, 'ours');
      assert.deepEqual(page.consoleErrors, []);
    });

    console.log('postmortem figures:', JSON.stringify(figures));
  } finally {
    await app?.stop();
    await prom.stop();
    fs.rmSync(out, { recursive: true, force: true });
  }
});
