// Views say what the keys mean where they are: each mounted view registers a
// set of handlers, and the newest registration wins for the keys it names.
import type { Action } from '../lib/keys';

export type Handlers = Partial<Record<Action, () => void>>;

type Entry = { get: () => Handlers; whileTyping: readonly Action[] };
const stack: Entry[] = [];

/** Registers handlers for as long as the calling component is mounted. get
 *  is read at key time, so handlers may close over changing state. Keys are
 *  ignored while the user types in a field, except the actions named in
 *  whileTyping (a form's Esc and Ctrl+Enter). Call during component setup. */
export function useShortcuts(get: () => Handlers, whileTyping: readonly Action[] = []): void {
  $effect(() => {
    const entry: Entry = { get, whileTyping };
    stack.push(entry);
    return () => {
      const i = stack.indexOf(entry);
      if (i >= 0) stack.splice(i, 1);
    };
  });
}

/** The handler for action from the newest view that has one. */
export function handlerFor(action: Action, typing = false): (() => void) | undefined {
  for (let i = stack.length - 1; i >= 0; i--) {
    const h = stack[i].get()[action];
    if (h) return !typing || stack[i].whileTyping.includes(action) ? h : undefined;
  }
  return undefined;
}
