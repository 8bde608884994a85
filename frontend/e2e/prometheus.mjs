// A real Prometheus (Debian's /usr/bin/prometheus, 2.42) with known data, for
// the metrics end-to-end test: the samples are written as OpenMetrics,
// turned into TSDB blocks with `promtool tsdb create-blocks-from openmetrics`
// in a temp dir, and served on a free 127.0.0.1 port with a 100-year
// retention (old timestamps stay queryable). stop() ends the server and
// removes the directory.
//
//   const prom = await startPrometheus(demoSeries(demoStart()));
//   ... prom.url ...
//   await prom.stop();

import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './harness.mjs';

const PROMETHEUS = process.env.HINDSIGHT_E2E_PROMETHEUS || '/usr/bin/prometheus';
const PROMTOOL = process.env.HINDSIGHT_E2E_PROMTOOL || '/usr/bin/promtool';
const MIN = 60_000;

/** When `hindsight demo`'s incident starts: 14:05 UTC three days before
 *  today's UTC date (backend/demo/demo.go). Unix ms. */
export function demoStart(now = new Date()) {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 3));
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 14, 5);
}

/** The demo incident's key moments in minutes from its start. */
export const DEMO_MOMENTS = { detected: 7, mitigated: 41, resolved: 92 };

/**
 * The test's series around an incident starting at start (ms), one sample
 * every 15 s from start−70 min to start+130 min:
 * - checkout-api p99 latency: about 0.12 s, 2.5 s from start−2 min to start+40 min;
 * - ALERTS CheckoutLatencyHigh firing from start+5 min to start+45 min;
 * - load{instance="i0".."i9"}: ten smooth, different curves.
 * @returns {{name: string, type: string, series: {labels: Record<string,string>, points: [number, number][]}[]}[]}
 */
export function demoSeries(start) {
  const from = start - 70 * MIN;
  const to = start + 130 * MIN;
  const times = [];
  for (let t = from; t <= to; t += 15_000) times.push(t);

  const latency = times.map((t, i) => {
    const spike = t >= start - 2 * MIN && t < start + 40 * MIN;
    // A small deterministic wobble so the baseline has a spread.
    return [t, spike ? 2.5 : Number((0.12 + 0.004 * Math.sin(i / 3)).toFixed(4))];
  });
  const alerts = times.filter((t) => t >= start + 5 * MIN && t < start + 45 * MIN).map((t) => [t, 1]);
  const load = Array.from({ length: 10 }, (_, k) => ({
    labels: { instance: `i${k}` },
    points: times.map((t, i) => [t, Number((1 + k * 0.5 + Math.sin(i / (20 + k)) * (0.5 + k * 0.1)).toFixed(3))]),
  }));
  return [
    {
      name: 'http_request_duration_seconds',
      type: 'gauge',
      series: [{ labels: { quantile: '0.99', service: 'checkout-api' }, points: latency }],
    },
    {
      name: 'ALERTS',
      type: 'gauge',
      series: [
        {
          labels: { alertname: 'CheckoutLatencyHigh', alertstate: 'firing', service: 'checkout-api', severity: 'page' },
          points: alerts,
        },
      ],
    },
    { name: 'load', type: 'gauge', series: load },
  ];
}

/** The families as OpenMetrics text (timestamps in seconds), ending "# EOF". */
export function openMetrics(families) {
  const out = [];
  for (const f of families) {
    out.push(`# TYPE ${f.name} ${f.type}`);
    for (const s of f.series) {
      const labels = Object.entries(s.labels)
        .map(([k, v]) => `${k}="${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)
        .join(',');
      for (const [t, v] of s.points) out.push(`${f.name}{${labels}} ${v} ${t / 1000}`);
    }
  }
  out.push('# EOF');
  return out.join('\n') + '\n';
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts Prometheus serving the families. Resolves once /-/ready answers.
 * @returns {Promise<{url: string, dir: string, stop(): Promise<void>}>}
 */
export async function startPrometheus(families, { timeoutMs = 60_000 } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hindsight-prom-'));
  const data = path.join(dir, 'data.om');
  const tsdb = path.join(dir, 'tsdb');
  const config = path.join(dir, 'prometheus.yml');
  const logFile = path.join(dir, 'prometheus.log');
  fs.writeFileSync(data, openMetrics(families));
  fs.writeFileSync(config, 'global: {scrape_interval: 15s}\nscrape_configs: []\n');
  execFileSync(PROMTOOL, ['tsdb', 'create-blocks-from', 'openmetrics', data, tsdb], { stdio: ['ignore', 'ignore', 'pipe'] });

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log = fs.openSync(logFile, 'a');
  const child = spawn(
    PROMETHEUS,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${tsdb}`,
      '--storage.tsdb.retention.time=100y',
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', log, log] },
  );
  fs.closeSync(log);
  let exited = null;
  child.once('exit', (code, sig) => (exited = sig ?? code));

  async function stop() {
    if (exited === null) {
      child.kill('SIGTERM');
      for (let i = 0; i < 50 && exited === null; i++) await sleep(100);
      if (exited === null) child.kill('SIGKILL');
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited !== null) {
      const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n');
      await stop();
      throw new Error(`prometheus exited (${exited}) before it was ready:\n${tail}`);
    }
    try {
      const res = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus was not ready after ${timeoutMs / 1000} s`);
    }
    await sleep(200);
  }
  return { url, dir, stop };
}
