// The incident on screen: loaded by the incident page, read by the header,
// the tabs and the command palette (for "Edit", "Delete", "Set status").
import * as api from '../lib/api';
import { ApiError, type Incident, type IncidentInput, type StatusChange } from '../lib/api';
import { appState } from './app.svelte';
import { fail, toast } from './toasts.svelte';

/** A stored time as the Go side reads it back exactly (RFC 3339 UTC), so
 *  saving an untouched time does not round it to the minute. */
export function exactTime(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '' : new Date(ms).toISOString();
}

/** The input that saves an incident unchanged; callers change what they mean to. */
export function inputFrom(i: Incident, zone: string): IncidentInput {
  return {
    title: i.title,
    summary: i.summary,
    severity: i.severity,
    status: i.status,
    services: [...(i.services ?? [])],
    tags: [...(i.tags ?? [])],
    commander: i.commander,
    customerImpact: i.customerImpact,
    startedAt: exactTime(i.startedAt),
    detectedAt: exactTime(i.detectedAt),
    mitigatedAt: exactTime(i.mitigatedAt),
    resolvedAt: exactTime(i.resolvedAt),
    zone,
  };
}

class IncidentState {
  ref = $state('');
  incident = $state.raw<Incident | null>(null);
  history = $state.raw<StatusChange[]>([]);
  loading = $state(false);
  error = $state.raw<ApiError | null>(null);
  #seq = 0;

  /** Loads the incident (and its history); quiet reloads keep what is shown. */
  async load(ref: string): Promise<void> {
    const seq = ++this.#seq;
    if (ref.toUpperCase() !== this.ref.toUpperCase()) {
      this.incident = null;
      this.history = [];
    }
    this.ref = ref;
    this.loading = true;
    this.error = null;
    try {
      const [inc, hist] = await Promise.all([api.getIncident(ref), api.incidentHistory(ref)]);
      if (seq !== this.#seq) return;
      this.incident = inc;
      this.history = hist;
    } catch (e) {
      if (seq !== this.#seq) return;
      this.incident = null;
      this.error = e instanceof ApiError ? e : new ApiError('internal', String(e));
      if (this.error.code !== 'not_found') fail(`Could not load ${ref}`, e);
    } finally {
      if (seq === this.#seq) this.loading = false;
    }
  }

  /** Moves the incident to another status (one of its nextStatuses). */
  async setStatus(status: string): Promise<void> {
    const inc = this.incident;
    if (!inc || status === inc.status) return;
    try {
      const updated = await api.updateIncident(inc.id, { ...inputFrom(inc, appState.zone), status }, inc.version);
      this.incident = updated;
      this.history = await api.incidentHistory(updated.id);
      appState.changed();
      toast({ kind: 'info', message: `${inc.ref} is now ${appState.statusLabel(status).toLowerCase()}` }, 4000);
    } catch (e) {
      const err = fail(`Could not change the status of ${inc.ref}`, e);
      if (err.code === 'conflict') {
        toast({
          kind: 'info',
          message: `${inc.ref} changed elsewhere since it was loaded.`,
          action: { label: 'Reload', run: () => this.load(inc.ref) },
        });
      }
    }
  }
}

export const incidentState = new IncidentState();
