// What the whole window shares: the vocabulary from Meta(), the settings
// (theme, zone, name), suggestions for autocompletion, the sidebar counts, and
// a revision number that views watch to reload after any change.
import * as api from '../lib/api';
import type { ActionCounts, Counts, Meta, Settings, Suggestions } from '../lib/api';
import { effectiveZone } from '../lib/time';
import { fail } from './toasts.svelte';

const EMPTY_META: Meta = {
  version: '',
  dbPath: '',
  logPath: '',
  systemZone: '',
  severities: [],
  statuses: [],
  sortKeys: [],
  eventKinds: [],
  priorities: [],
  actionTypes: [],
  actionStatuses: [],
  actionSortKeys: [],
  causeKinds: [],
  startupError: '',
};

class AppState {
  meta = $state.raw<Meta>(EMPTY_META);
  settings = $state.raw<Settings>({ theme: 'system', zone: '', userName: '' });
  suggestions = $state.raw<Suggestions>({ services: [], tags: [], people: [] });
  counts = $state.raw<Counts | null>(null);
  /** The sidebar's open and overdue action numbers. */
  actionCounts = $state.raw<ActionCounts>({ open: 0, overdue: 0 });
  ready = $state(false);
  /** Bumped after every change to incidents; views reload when it moves. */
  revision = $state(0);
  /** The system's preference, followed while the theme is "system". */
  systemDark = $state(false);

  /** The zone every time is shown and typed in. */
  zone = $derived(effectiveZone(this.settings.zone, this.meta.systemZone));
  theme = $derived<'light' | 'dark'>(
    this.settings.theme === 'dark' || (this.settings.theme !== 'light' && this.systemDark) ? 'dark' : 'light',
  );

  severity(name: string) {
    return this.meta.severities.find((s) => s.name === name);
  }
  status(name: string) {
    return this.meta.statuses.find((s) => s.name === name);
  }
  statusLabel(name: string): string {
    return this.status(name)?.label ?? name;
  }

  async load(): Promise<void> {
    const [m, s] = await Promise.allSettled([api.meta(), api.settings()]);
    if (m.status === 'fulfilled') this.meta = m.value;
    else fail('Could not read the application metadata', m.reason);
    if (s.status === 'fulfilled') this.settings = s.value;
    else fail('Could not read the settings', s.reason);
    this.ready = true;
    if (!this.meta.startupError) void this.refresh();
  }

  /** Reloads what depends on the incidents and actions: counts and suggestions. */
  async refresh(): Promise<void> {
    try {
      const [c, sg] = await Promise.all([api.counts(), api.suggest()]);
      this.counts = c;
      this.suggestions = sg;
    } catch (e) {
      fail('Could not read the incident counts', e);
    }
    try {
      this.actionCounts = await api.actionCounts();
    } catch (e) {
      fail('Could not read the action counts', e);
    }
  }

  /** Call after any change to incidents or actions. */
  changed(): void {
    this.revision++;
    void this.refresh();
  }

  /** Saves settings; an invalid value comes back as an ApiError naming its field. */
  async saveSettings(next: Settings): Promise<Settings> {
    const saved = await api.saveSettings(next);
    this.settings = saved;
    return saved;
  }

  /** Shows a theme at once, before (or without) saving it. */
  previewTheme(theme: string): void {
    this.settings = { ...this.settings, theme };
  }
}

export const appState = new AppState();
