// Actions reachable from more than one place (buttons, keys, the command
// palette): one function each, so every path does the same thing.
import * as api from './api';
import { navigate, incidentHref } from './router';
import { appState } from '../stores/app.svelte';
import { fail, toast } from '../stores/toasts.svelte';
import { actionList } from '../stores/actionList.svelte';
import { actionAdd } from '../stores/actionAdd.svelte';
import { metrics } from '../stores/metrics.svelte';
import { postmortemRequest, type PostmortemRequest } from '../stores/postmortem.svelte';
import { meetingDialogs } from '../stores/meetingDialogs.svelte';

export function newIncident(): void {
  navigate({ name: 'new' });
}

/** Opens the incident's Actions tab with the cursor in its add line. */
export function newActionOn(incidentRef: string): void {
  actionAdd.pending = true;
  navigate(incidentHref(incidentRef, 'actions'));
}

/** Opens the incident's Metrics tab and, once it has loaded, adds a
 *  snapshot, syncs them all, or finds alerts. */
export function onMetrics(incidentRef: string, what: 'add' | 'sync' | 'alerts'): void {
  metrics.pending = what;
  navigate(incidentHref(incidentRef, 'metrics'));
}

/** Opens the incident's Postmortem tab and, once it has loaded, starts the
 *  postmortem, opens the export or the submit dialog. */
export function onPostmortem(incidentRef: string, what: PostmortemRequest): void {
  postmortemRequest.pending = what;
  navigate(incidentHref(incidentRef, 'postmortem'));
}

/** Loads the sample incident and opens it. */
export async function loadSample(): Promise<void> {
  try {
    const inc = await api.loadDemo();
    appState.changed();
    navigate(incidentHref(inc.ref));
  } catch (e) {
    fail('Could not load the sample incident', e);
  }
}

/** Moves an incident to the trash and offers to bring it back; reopen says
 *  whether Undo goes back to the incident (when it was deleted from its page). */
export async function trashIncident(ref: string, reopen = false): Promise<boolean> {
  try {
    await api.deleteIncident(ref);
  } catch (e) {
    fail(`Could not move ${ref} to the trash`, e);
    return false;
  }
  appState.changed();
  toast(
    {
      kind: 'info',
      message: `${ref} moved to trash`,
      action: { label: 'Undo', run: () => restoreIncident(ref, { open: reopen, quiet: true }) },
    },
    10_000,
  );
  return true;
}

/** Brings an incident back from the trash; open shows it, quiet skips the
 *  notice (an Undo needs none). */
export async function restoreIncident(
  ref: string,
  { open = false, quiet = false }: { open?: boolean; quiet?: boolean } = {},
): Promise<boolean> {
  try {
    await api.restoreIncident(ref);
  } catch (e) {
    fail(`Could not restore ${ref}`, e);
    return false;
  }
  appState.changed();
  if (open) navigate(incidentHref(ref));
  else if (!quiet)
    toast({ kind: 'info', message: `${ref} restored`, action: { label: 'Open', run: () => navigate(incidentHref(ref)) } });
  return true;
}

/** The actions view with only what is overdue, in the table. */
export function showOverdueActions(): void {
  actionList.setView('table');
  actionList.defaults({ overdue: true });
  navigate('#/actions');
}

/** The actions view as a board by status. */
export function showActionsBoard(): void {
  actionList.setView('board');
  navigate('#/actions');
}

/** Switches between light and dark, and remembers the choice. */
export async function toggleTheme(): Promise<void> {
  const theme = appState.theme === 'dark' ? 'light' : 'dark';
  appState.previewTheme(theme);
  try {
    await appState.saveSettings({ ...appState.settings, theme });
  } catch (e) {
    fail('Could not save the theme', e);
  }
}

/** Opens the new-meeting dialog where you are; series (id) is preselected. */
export function newMeeting(series = ''): void {
  meetingDialogs.newMeeting(series);
}

/** Opens the dialog that creates a review meeting series. */
export function newMeetingSeries(): void {
  meetingDialogs.newSeries();
}

/** The review meetings list (Reviews › Meetings). */
export function showMeetings(): void {
  navigate({ name: 'meetings' });
}
