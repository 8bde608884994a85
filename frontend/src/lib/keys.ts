// The keyboard map. One table serves both the key handler and the `?` help,
// so what the help says is what the keys do.

export type Action =
  | 'palette'
  | 'help'
  | 'create'
  | 'filter'
  | 'down'
  | 'up'
  | 'open'
  | 'back'
  | 'edit'
  | 'delete'
  | 'status'
  | 'save'
  | 'add'
  | 'import'
  | 'go-incidents'
  | 'go-actions'
  | 'go-reviews'
  | 'go-settings'
  | 'go-trash';

export type Shortcut = { keys: string[]; action: Action; label: string; where: string };

export const SHORTCUTS: Shortcut[] = [
  { keys: ['Ctrl/⌘', 'K'], action: 'palette', label: 'Command palette: go anywhere, run any action', where: 'Everywhere' },
  { keys: ['?'], action: 'help', label: 'Show these shortcuts', where: 'Everywhere' },
  { keys: ['c'], action: 'create', label: 'Create (a new incident)', where: 'Everywhere' },
  { keys: ['g', 'i'], action: 'go-incidents', label: 'Go to Incidents', where: 'Everywhere' },
  { keys: ['g', 'a'], action: 'go-actions', label: 'Go to Actions', where: 'Everywhere' },
  { keys: ['g', 'r'], action: 'go-reviews', label: 'Go to Reviews', where: 'Everywhere' },
  { keys: ['g', 's'], action: 'go-settings', label: 'Go to Settings', where: 'Everywhere' },
  { keys: ['g', 't'], action: 'go-trash', label: 'Go to Trash', where: 'Everywhere' },
  { keys: ['Esc'], action: 'back', label: 'Back, or close what is open', where: 'Everywhere' },
  { keys: ['/'], action: 'filter', label: 'Focus the filter', where: 'Lists' },
  { keys: ['j'], action: 'down', label: 'Move selection down', where: 'Lists' },
  { keys: ['k'], action: 'up', label: 'Move selection up', where: 'Lists' },
  { keys: ['Enter'], action: 'open', label: 'Open the selected row', where: 'Lists' },
  { keys: ['e'], action: 'edit', label: 'Edit the incident', where: 'Incident page' },
  { keys: ['s'], action: 'status', label: 'Change the status', where: 'Incident page' },
  { keys: ['Delete'], action: 'delete', label: 'Move the incident to the trash', where: 'Incident page' },
  { keys: ['j'], action: 'down', label: 'Select the next event', where: 'Timeline' },
  { keys: ['k'], action: 'up', label: 'Select the previous event', where: 'Timeline' },
  { keys: ['e'], action: 'edit', label: 'Edit the selected event (Enter too)', where: 'Timeline' },
  { keys: ['Delete'], action: 'delete', label: 'Delete the selected event (with Undo)', where: 'Timeline' },
  { keys: ['/'], action: 'filter', label: 'Focus the text filter', where: 'Timeline' },
  { keys: ['a'], action: 'add', label: 'Focus the “Add an event” line', where: 'Timeline' },
  { keys: ['i'], action: 'import', label: 'Import a timeline (or paste one with Ctrl+V)', where: 'Timeline' },
];

/** What forms add; listed in the help beside the rest. */
export const FORM_SHORTCUTS: Shortcut[] = [
  { keys: ['Ctrl/⌘', 'Enter'], action: 'save', label: 'Save', where: 'Forms' },
  { keys: ['Esc'], action: 'back', label: 'Cancel (asks first if you changed something)', where: 'Forms' },
];

const SINGLE: Record<string, Action> = {
  '?': 'help',
  c: 'create',
  '/': 'filter',
  j: 'down',
  k: 'up',
  ArrowDown: 'down',
  ArrowUp: 'up',
  Enter: 'open',
  Escape: 'back',
  e: 'edit',
  s: 'status',
  a: 'add',
  i: 'import',
  Delete: 'delete',
};

const AFTER_G: Record<string, Action> = {
  i: 'go-incidents',
  a: 'go-actions',
  r: 'go-reviews',
  s: 'go-settings',
  t: 'go-trash',
};

export type KeyLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>;

/** Turns a key press into an action. pending is "g" after a lone g (the
 *  first half of a two-key sequence). Returns the action, if any, and the
 *  new pending prefix. */
export function resolveKey(e: KeyLike, pending: string | null): { action: Action | null; pending: string | null } {
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') return { action: 'palette', pending: null };
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key === 'Enter') return { action: 'save', pending: null };
  if (e.ctrlKey || e.metaKey || e.altKey) return { action: null, pending: null };
  if (pending === 'g') return { action: AFTER_G[e.key] ?? null, pending: null };
  if (e.key === 'g') return { action: null, pending: 'g' };
  return { action: SINGLE[e.key] ?? null, pending: null };
}

/** Whether the event comes from somewhere the user types: single-letter keys
 *  must not fire there. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
  }
  return false;
}
