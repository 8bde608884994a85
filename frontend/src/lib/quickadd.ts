// The quick-add line: "14:05 rolled back the deploy" → the parts of an event.
// The frontend only splits the line; the Go side validates the time it makes.

export type QuickAdd =
  | { ok: true; at: string; kind: string; body: string }
  | { ok: false; error: string };

export const NO_TIME = 'Start with a time, e.g. 14:05';

const LINE = /^\s*(?:(\d{4}-\d{2}-\d{2})[ T]+)?(\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)(?=\s|$)\s*(.*)$/s;

/** Splits a quick-add line. day ("YYYY-MM-DD") is used when the line names
 *  no date; kinds are the kind names a leading "[deploy]" or "deploy:" may
 *  give. */
export function parseQuickAdd(line: string, day: string, kinds: readonly string[]): QuickAdd {
  const m = LINE.exec(line);
  if (!m) return { ok: false, error: NO_TIME };
  const [, date, time, rest] = m;
  const [h, ...tail] = time.split(':');
  const at = `${date ?? day} ${h.padStart(2, '0')}:${tail.join(':')}`;
  let kind = '';
  let body = rest.trim();
  const k = /^\[([A-Za-z]+)\]\s*|^([A-Za-z]+):\s+/.exec(body);
  if (k) {
    const name = (k[1] ?? k[2]).toLowerCase();
    if (kinds.includes(name)) {
      kind = name;
      body = body.slice(k[0].length).trim();
    }
  }
  return { ok: true, at, kind, body };
}
