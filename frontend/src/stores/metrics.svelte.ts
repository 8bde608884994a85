// What the Metrics tab, its dialogs, Settings and the incident header share:
// the monitoring sources, the open incident's snapshots, its detection lag,
// and the one long job (a fetch or a sync) with its progress.
import * as api from '../lib/api';
import type { DetectionLag, MetricsProgress, Snapshot, Source } from '../lib/api';
import { newJobId } from '../lib/metrics';
import { fail } from './toasts.svelte';

export type Job = { id: string; kind: 'add' | 'sync'; progress: MetricsProgress | null; cancelling: boolean };

class MetricsState {
  sources = $state.raw<Source[]>([]);
  sourcesLoaded = $state(false);
  incident = $state('');
  snapshots = $state.raw<Snapshot[]>([]);
  loaded = $state(false);
  /** The detection lag of lagIncident; null when no snapshot shows one. */
  lag = $state.raw<DetectionLag | null>(null);
  lagIncident = $state('');
  job = $state<Job | null>(null);
  /** What the command palette asked the Metrics tab to do once it opens. */
  pending = $state<'add' | 'sync' | 'alerts' | null>(null);
  #seq = 0;
  #lagSeq = 0;

  async loadSources(): Promise<void> {
    try {
      this.sources = await api.metricSources();
    } catch (e) {
      fail('Could not read the monitoring sources', e);
    } finally {
      this.sourcesLoaded = true;
    }
  }

  /** Loads the incident's snapshots (latest version of each). */
  async open(incident: string): Promise<void> {
    const seq = ++this.#seq;
    if (incident !== this.incident) {
      this.incident = incident;
      this.snapshots = [];
      this.loaded = false;
    }
    try {
      const list = await api.snapshots(incident);
      if (seq !== this.#seq) return;
      this.snapshots = list;
    } catch (e) {
      if (seq === this.#seq) fail('Could not read the metric snapshots', e);
    } finally {
      if (seq === this.#seq) this.loaded = true;
    }
  }

  /** Puts a changed or new snapshot in place (by group: a version replaces its group). */
  put(s: Snapshot): void {
    const i = this.snapshots.findIndex((x) => x.groupId === s.groupId);
    this.snapshots = i >= 0 ? this.snapshots.map((x, j) => (j === i ? s : x)) : [...this.snapshots, s];
  }

  remove(groupId: string): void {
    this.snapshots = this.snapshots.filter((x) => x.groupId !== groupId);
  }

  /** Reads the incident's detection lag again; quiet (a toast) on failure. */
  async refreshLag(incident: string): Promise<void> {
    const seq = ++this.#lagSeq;
    if (incident !== this.lagIncident) {
      this.lag = null;
      this.lagIncident = incident;
    }
    try {
      const lag = await api.detectionLag(incident);
      if (seq === this.#lagSeq) this.lag = lag;
    } catch (e) {
      if (seq === this.#lagSeq) this.lag = null;
      // A database without the metrics tables yet says so once, quietly.
      if (api.toApiError(e).code !== 'not_found') fail('Could not work out the detection lag', e);
    }
  }

  /** Runs a long job with its progress; one at a time. Resolves to run's
   *  result; rejects with what run rejected with. */
  async run<T>(kind: Job['kind'], run: (job: string) => Promise<T>): Promise<T> {
    const id = newJobId();
    const job: Job = { id, kind, progress: null, cancelling: false };
    this.job = job;
    const off = api.onMetricsProgress((p) => {
      if (p.job === id && this.job?.id === id) this.job.progress = p;
    });
    try {
      return await run(id);
    } finally {
      off();
      if (this.job?.id === id) this.job = null;
    }
  }

  /** Asks the Go side to stop the running job; it stores nothing. */
  cancel(): void {
    const job = this.job;
    if (!job || job.cancelling) return;
    job.cancelling = true;
    api.cancelMetricsJob(job.id).catch((e) => fail('Could not cancel the fetch', e));
  }

  /** Fetches every snapshot of the incident again. */
  async sync(incident: string): Promise<{ added: number; unchanged: number }> {
    const r = await this.run('sync', (job) => api.syncSnapshots(job, incident));
    await this.open(incident);
    void this.refreshLag(incident);
    return r;
  }
}

export const metrics = new MetricsState();
