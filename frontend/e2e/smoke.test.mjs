// The app starts under wails dev, renders its root in Chromium, and logs no
// console error on the way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, screenshot } from './harness.mjs';

test('the app starts, is titled Hindsight, and logs no console error', { timeout: 360_000 }, async () => {
  const app = await startApp();
  try {
    const page = await app.newPage();
    assert.equal(await page.title(), 'Hindsight');
    await page.waitForLoadState('networkidle').catch(() => {});
    await screenshot(page, 'smoke');
    assert.deepEqual(page.consoleErrors, [], 'console errors while loading the app');
  } finally {
    await app.stop();
  }
});
