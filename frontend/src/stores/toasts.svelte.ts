// Toasts: short notices, an Undo, and background failures with their details
// one click away. Every failure shown here is also written to the log file.
import { ApiError, reportError, toApiError } from '../lib/api';

export type Toast = {
  id: number;
  kind: 'info' | 'error';
  message: string;
  detail?: string;
  action?: { label: string; run: () => unknown };
};

let next = 1;
const timers = new Map<number, ReturnType<typeof setTimeout>>();

export const toasts = $state<{ items: Toast[] }>({ items: [] });

export function dismiss(id: number): void {
  toasts.items = toasts.items.filter((t) => t.id !== id);
  const timer = timers.get(id);
  if (timer) clearTimeout(timer);
  timers.delete(id);
}

/** Shows a notice; info toasts leave by themselves, errors stay until closed. */
export function toast(t: Omit<Toast, 'id'>, ms = t.kind === 'error' ? 0 : 6000): number {
  const id = next++;
  toasts.items = [...toasts.items.slice(-4), { ...t, id }];
  if (ms > 0) timers.set(id, setTimeout(() => dismiss(id), ms));
  return id;
}

/** Reports a failure that happened away from any field: a toast whose details
 *  say what the Go side said, and a line in the log file. */
export function fail(what: string, e: unknown): ApiError {
  const err = toApiError(e);
  const detail = err.hasFields
    ? Object.entries(err.fields).map(([k, v]) => `${k}: ${v}`).join('\n')
    : `${err.code}: ${err.message}`;
  toast({ kind: 'error', message: what, detail });
  void reportError(`${what}: ${err.code}: ${err.message}`);
  return err;
}
