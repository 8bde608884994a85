// Words for action items, shared by the incident's Actions tab, the editor and
// the global Actions view. The vocabulary comes from Meta(); overdue and days
// overdue come computed from the Go side (which owns the clock and the zone
// "today" is decided in), so a label never disagrees with the overdue filter.
import { dayKey } from './timeline';
import type { Action, ActionInput } from './api';
import { appState } from '../stores/app.svelte';

export function statusLabel(s: string): string {
  return appState.meta.actionStatuses.find((x) => x.name === s)?.label ?? s;
}

export function priorityLabel(p: string): string {
  return appState.meta.priorities.find((x) => x.name === p)?.label ?? p;
}

export function typeLabel(t: string): string {
  return appState.meta.actionTypes.find((x) => x.name === t)?.label ?? t;
}

/** Whether the status needs no more work (done, won't do). */
export function isClosed(s: string): boolean {
  return appState.meta.actionStatuses.find((x) => x.name === s)?.closed ?? (s === 'done' || s === 'wont_do');
}

/** Today's calendar date (YYYY-MM-DD) in zone. */
export function todayIn(zone: string, now: number = Date.now()): string {
  // From the date's parts, not a locale's format: WebKitGTK has no en-CA
  // data and would write 11/24/2026.
  return dayKey(now, zone);
}

/** The date n days after d (both YYYY-MM-DD). */
export function addDays(d: string, n: number): string {
  const t = Date.parse(`${d}T00:00:00Z`);
  if (Number.isNaN(t)) return d;
  return new Date(t + n * 86_400_000).toISOString().slice(0, 10);
}

/** "due 2026-12-01", "3 days overdue", "due today", "no due date". Overdue
 *  comes from the Go side; today (for "due today") defaults to today in the
 *  user's zone. */
export function dueLabel(a: Pick<Action, 'due' | 'overdue' | 'daysOverdue'>, today?: string): string {
  if (!a.due) return 'no due date';
  if (a.overdue) {
    const n = Math.max(1, a.daysOverdue);
    return n === 1 ? '1 day overdue' : `${n} days overdue`;
  }
  if (a.due === (today ?? todayIn(appState.zone))) return 'due today';
  return `due ${a.due}`;
}

/** A new action with the server's defaults: empty priority, type and status
 *  take P2, prevent and open; an empty due date the priority's deadline. */
export function emptyActionInput(incident = ''): ActionInput {
  return {
    causeNodeId: '',
    title: '',
    description: '',
    owner: '',
    due: '',
    priority: '',
    type: '',
    status: '',
    reason: '',
    incident,
    link: '',
    verification: '',
    zone: appState.zone,
    meetingId: '',
    agendaItemId: '',
  };
}

/** The input that saves the action unchanged. */
export function inputFromAction(a: Action): ActionInput {
  return {
    causeNodeId: a.causeNodeId ?? '',
    title: a.title,
    description: a.description,
    owner: a.owner,
    due: a.due,
    priority: a.priority,
    type: a.type,
    status: a.status,
    reason: a.reason,
    incident: a.incidentId,
    link: a.link,
    verification: a.verification,
    zone: appState.zone,
    meetingId: '',
    agendaItemId: '',
  };
}

/** The default deadline in days of priority p: the setting, else Meta's. */
export function defaultDueDays(p: string): number {
  const i = appState.meta.priorities.findIndex((x) => x.name === p);
  if (i < 0) return 0;
  return appState.settings.actionDue?.[i] || appState.meta.priorities[i].defaultDueDays;
}

/** How a field's history value reads: status and type names as labels. */
export function changeValue(field: string, v: string): string {
  if (!v) return '—';
  if (field === 'status') return statusLabel(v);
  if (field === 'type') return typeLabel(v);
  return v;
}
