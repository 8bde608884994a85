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
  | 'go-trash'
  | 'go-search'
  | 'go-insights'
  | 'pick'
  | 'extend-down'
  | 'extend-up'
  | 'pick-all'
  | 'first'
  | 'last'
  | 'left'
  | 'right'
  | 'move-prev'
  | 'move-next'
  | 'toggle-view'
  | 'done'
  | 'sync'
  | 'layout'
  | 'save-now'
  // Handled by the Root cause tab itself (listed here for the help):
  | 'set-kind'
  | 'zoom'
  | 'outline'
  // Handled by the meeting page itself (listed here for the help):
  | 'meeting';

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
  { keys: ['g', 'f'], action: 'go-search', label: 'Find: go to Search', where: 'Everywhere' },
  { keys: ['g', 'n'], action: 'go-insights', label: 'Go to Insights (numbers over months)', where: 'Everywhere' },
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
  { keys: ['v'], action: 'toggle-view', label: 'Switch between table and board', where: 'Actions list' },
  { keys: ['x'], action: 'pick', label: 'Select or unselect the row (for a bulk change)', where: 'Actions list' },
  { keys: ['Shift', 'J'], action: 'extend-down', label: 'Extend the selection down', where: 'Actions list' },
  { keys: ['Shift', 'K'], action: 'extend-up', label: 'Extend the selection up', where: 'Actions list' },
  { keys: ['Ctrl/⌘', 'A'], action: 'pick-all', label: 'Select every loaded row', where: 'Actions list' },
  { keys: ['Esc'], action: 'back', label: 'Clear the selection', where: 'Actions list' },
  { keys: ['Home'], action: 'first', label: 'Go to the first row', where: 'Actions list' },
  { keys: ['End'], action: 'last', label: 'Go to the last row', where: 'Actions list' },
  { keys: ['h'], action: 'left', label: 'Previous column', where: 'Board' },
  { keys: ['l'], action: 'right', label: 'Next column', where: 'Board' },
  { keys: ['j'], action: 'down', label: 'Next card in the column', where: 'Board' },
  { keys: ['k'], action: 'up', label: 'Previous card in the column', where: 'Board' },
  { keys: ['['], action: 'move-prev', label: 'Move the card to the previous status (Shift+H too)', where: 'Board' },
  { keys: [']'], action: 'move-next', label: 'Move the card to the next status (Shift+L too)', where: 'Board' },
  { keys: ['Enter'], action: 'open', label: 'Open the card', where: 'Board' },
  { keys: ['s'], action: 'status', label: 'Change the status of the card (won’t do asks why)', where: 'Board' },
  { keys: ['a'], action: 'add', label: 'Focus the “Add an action” line (n too)', where: 'Actions' },
  { keys: ['j'], action: 'down', label: 'Select the next action', where: 'Actions' },
  { keys: ['k'], action: 'up', label: 'Select the previous action', where: 'Actions' },
  { keys: ['e'], action: 'edit', label: 'Open the selected action in the editor (Enter too)', where: 'Actions' },
  { keys: ['d'], action: 'done', label: 'Mark the selected action done, or open again (x too)', where: 'Actions' },
  { keys: ['s'], action: 'status', label: 'Change the status of the selected action', where: 'Actions' },
  { keys: ['j'], action: 'down', label: 'Select the next line', where: 'Root cause' },
  { keys: ['k'], action: 'up', label: 'Select the previous line', where: 'Root cause' },
  { keys: ['e'], action: 'edit', label: 'Edit the selected line (Enter too; double-click too)', where: 'Root cause' },
  { keys: ['a'], action: 'add', label: 'Add a line below the selected one', where: 'Root cause' },
  { keys: ['Enter'], action: 'outline', label: 'While typing a line: save it and add the next one below', where: 'Root cause' },
  { keys: ['Tab'], action: 'outline', label: 'While typing a line: make it answer “why?” of the line above (indent)', where: 'Root cause' },
  { keys: ['Shift', 'Tab'], action: 'outline', label: 'While typing a line: lift it one level (start another branch)', where: 'Root cause' },
  { keys: ['Alt', '↑'], action: 'outline', label: 'Move the line up among its siblings (typing or selected)', where: 'Root cause' },
  { keys: ['Alt', '↓'], action: 'outline', label: 'Move the line down among its siblings (typing or selected)', where: 'Root cause' },
  { keys: ['Esc'], action: 'outline', label: 'Stop editing the line (saves it; an empty new line goes away)', where: 'Root cause' },
  { keys: ['1'], action: 'set-kind', label: 'Mark the selected line as the problem', where: 'Root cause' },
  { keys: ['2'], action: 'set-kind', label: 'Mark it as a cause', where: 'Root cause' },
  { keys: ['3'], action: 'set-kind', label: 'Mark it as a contributing factor', where: 'Root cause' },
  { keys: ['4'], action: 'set-kind', label: 'Mark it as a root cause', where: 'Root cause' },
  { keys: ['5'], action: 'set-kind', label: 'Mark it as a trigger', where: 'Root cause' },
  { keys: ['Delete'], action: 'delete', label: 'Delete the selected line (asks: the subtree, or lift its children)', where: 'Root cause' },
  { keys: ['i'], action: 'import', label: 'Import an outline', where: 'Root cause' },
  { keys: ['v'], action: 'toggle-view', label: 'Switch between outline and diagram', where: 'Root cause' },
  { keys: ['+'], action: 'zoom', label: 'Zoom in (diagram; the wheel too)', where: 'Root cause' },
  { keys: ['-'], action: 'zoom', label: 'Zoom out (diagram)', where: 'Root cause' },
  { keys: ['0'], action: 'zoom', label: 'Fit the whole diagram (drag to pan)', where: 'Root cause' },
  { keys: ['a'], action: 'add', label: 'Add a metric snapshot (n too)', where: 'Metrics' },
  { keys: ['r'], action: 'sync', label: 'Sync all snapshots: fetch them again as new versions', where: 'Metrics' },
  { keys: ['i'], action: 'import', label: 'Find Prometheus alerts to add to the timeline', where: 'Metrics' },
  { keys: ['Esc'], action: 'back', label: 'Cancel the running fetch or sync', where: 'Metrics' },
  { keys: ['Ctrl/⌘', 'Enter'], action: 'save', label: 'Fetch (in the add-snapshot dialog)', where: 'Metrics' },
  { keys: ['e'], action: 'edit', label: 'Focus the editor (Esc leaves it)', where: 'Postmortem' },
  { keys: ['p'], action: 'layout', label: 'Switch the layout: editor, split, preview', where: 'Postmortem' },
  { keys: ['Ctrl/⌘', 'S'], action: 'save-now', label: 'Save now (it also saves by itself as you type)', where: 'Postmortem' },
  { keys: ['h'], action: 'left', label: 'Revisions: see what changed, restore one', where: 'Postmortem' },
  { keys: ['x'], action: 'pick', label: 'Export as markdown or HTML', where: 'Postmortem' },
  { keys: ['Enter'], action: 'open', label: 'Start the postmortem from the chosen template', where: 'Postmortem' },
  { keys: ['Ctrl/⌘', 'F'], action: 'filter', label: 'Search in the editor (Ctrl/⌘+G: next match)', where: 'Postmortem' },
  { keys: ['Ctrl/⌘', 'Enter'], action: 'save', label: 'Save the action', where: 'Action editor' },
  { keys: ['Esc'], action: 'back', label: 'Close the editor (asks first if you changed something)', where: 'Action editor' },
  // The review meetings list (MeetingList.svelte registers them).
  { keys: ['c'], action: 'create', label: 'New review meeting (palette: “New meeting series” too)', where: 'Review meetings' },
  { keys: ['j'], action: 'down', label: 'Select the next meeting', where: 'Review meetings' },
  { keys: ['k'], action: 'up', label: 'Select the previous meeting', where: 'Review meetings' },
  { keys: ['Enter'], action: 'open', label: 'Open the selected meeting', where: 'Review meetings' },
  { keys: ['/'], action: 'filter', label: 'Focus the series filter', where: 'Review meetings' },
  { keys: ['j'], action: 'down', label: 'Select the next agenda item (↓ too)', where: 'Meeting' },
  { keys: ['k'], action: 'up', label: 'Select the previous agenda item (↑ too)', where: 'Meeting' },
  { keys: ['Enter'], action: 'open', label: 'Take notes on the selected item', where: 'Meeting' },
  { keys: ['Alt', '↑'], action: 'meeting', label: 'Move the selected item up (Shift+K too)', where: 'Meeting' },
  { keys: ['Alt', '↓'], action: 'meeting', label: 'Move the selected item down (Shift+J too)', where: 'Meeting' },
  { keys: ['#'], action: 'meeting', label: 'Dismiss the selected item (Delete too; Undo in the notice)', where: 'Meeting' },
  { keys: ['h'], action: 'left', label: 'Show or hide the dismissed items', where: 'Meeting' },
  { keys: ['v'], action: 'toggle-view', label: 'Mark the selected incident or postmortem reviewed, or clear the mark', where: 'Meeting' },
  { keys: ['a'], action: 'add', label: 'Add an agenda item (c, n too)', where: 'Meeting' },
  { keys: ['e'], action: 'edit', label: 'Edit the meeting’s title', where: 'Meeting' },
  { keys: ['s'], action: 'status', label: 'Mark the meeting held, or back to planned', where: 'Meeting' },
  { keys: ['r'], action: 'sync', label: 'Regenerate the agenda from today’s data (planned meetings)', where: 'Meeting' },
  { keys: ['p'], action: 'layout', label: 'Present the agenda', where: 'Meeting' },
  { keys: ['x'], action: 'pick', label: 'Export the agenda or minutes', where: 'Meeting' },
  { keys: ['y'], action: 'meeting', label: 'Copy the agenda or minutes as markdown', where: 'Meeting' },
  // The search page (SearchView.svelte registers them; the field handles its own).
  { keys: ['/'], action: 'filter', label: 'Focus the search field', where: 'Search' },
  { keys: ['j'], action: 'down', label: 'Select the next result (↓ too, also in the field)', where: 'Search' },
  { keys: ['k'], action: 'up', label: 'Select the previous result (↑ too, also in the field)', where: 'Search' },
  { keys: ['Enter'], action: 'open', label: 'Open the selected result (also in the field)', where: 'Search' },
  { keys: ['Esc'], action: 'back', label: 'In the field: clear it, then leave it', where: 'Search' },
  // The Insights page (InsightsView.svelte registers them).
  { keys: ['['], action: 'move-prev', label: 'Move the range earlier by its length (h too)', where: 'Insights' },
  { keys: [']'], action: 'move-next', label: 'Move the range later by its length (l too)', where: 'Insights' },
  { keys: ['/'], action: 'filter', label: 'Focus the service filter', where: 'Insights' },
  { keys: ['x'], action: 'pick', label: 'Export the charts as SVG and CSV', where: 'Insights' },
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
  v: 'toggle-view',
  x: 'pick',
  J: 'extend-down',
  K: 'extend-up',
  Home: 'first',
  End: 'last',
  h: 'left',
  l: 'right',
  '[': 'move-prev',
  ']': 'move-next',
  H: 'move-prev',
  L: 'move-next',
  n: 'add',
  d: 'done',
  r: 'sync',
  p: 'layout',
};

const AFTER_G: Record<string, Action> = {
  i: 'go-incidents',
  a: 'go-actions',
  r: 'go-reviews',
  s: 'go-settings',
  t: 'go-trash',
  f: 'go-search',
  n: 'go-insights',
};

export type KeyLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>;

/** Turns a key press into an action. pending is "g" after a lone g (the
 *  first half of a two-key sequence). Returns the action, if any, and the
 *  new pending prefix. */
export function resolveKey(e: KeyLike, pending: string | null): { action: Action | null; pending: string | null } {
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') return { action: 'palette', pending: null };
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key === 'Enter') return { action: 'save', pending: null };
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'a') return { action: 'pick-all', pending: null };
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') return { action: 'save-now', pending: null };
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

/** Whether a keydown is Tab (Shift or not). WebKitGTK reports Shift+Tab as
 *  GTK's ISO_Left_Tab, whose key value is not "Tab"; the physical key and
 *  the key code still are. */
export function isTab(e: KeyboardEvent): boolean {
  return e.key === 'Tab' || e.code === 'Tab' || e.keyCode === 9;
}
