// Full-text search, the parts that are not drawing: the kinds and their
// labels, highlight splitting, where a hit opens, and the search page's
// state as the query string of its address (#/search?q=…), so a search
// survives reload and Back.
import type { SearchHit, SearchInput, SearchKind } from './api';
import { actionHref, href, incidentHref, meetingHref } from './router';

/** The kinds in the order the filter offers them (domain.SearchKinds). */
export const SEARCH_KINDS: { kind: SearchKind; label: string; one: string }[] = [
  { kind: 'incident', label: 'Incidents', one: 'Incident' },
  { kind: 'event', label: 'Timeline', one: 'Event' },
  { kind: 'cause', label: 'Causes', one: 'Cause' },
  { kind: 'postmortem', label: 'Postmortems', one: 'Postmortem' },
  { kind: 'action', label: 'Actions', one: 'Action' },
  { kind: 'meeting', label: 'Meetings', one: 'Meeting' },
];

const KIND_NAMES = new Set<string>(SEARCH_KINDS.map((k) => k.kind));

export const kindLabel = (kind: string): string => SEARCH_KINDS.find((k) => k.kind === kind)?.one ?? kind;

/** One page: small, so the bridge stays fast while typing. */
export const PAGE_SIZE = 30;

// The Go side wraps each matched word in these (domain.HighlightStart/End).
export const MARK_START = '\x02';
export const MARK_END = '\x03';

export type Part = { text: string; mark: boolean };

/** Splits marked text into plain and highlighted parts, to render as text
 *  (never as HTML). An unmatched start marks to the end; a stray end, or a
 *  start inside a mark, is dropped. Adjacent parts of one kind are merged
 *  and empty ones left out. */
export function splitMarks(s: string): Part[] {
  const out: Part[] = [];
  let mark = false;
  let buf = '';
  const flush = () => {
    if (!buf) return;
    const last = out[out.length - 1];
    if (last && last.mark === mark) last.text += buf;
    else out.push({ text: buf, mark });
    buf = '';
  };
  for (const ch of s) {
    if (ch === MARK_START || ch === MARK_END) {
      const next = ch === MARK_START;
      if (next !== mark) {
        flush();
        mark = next;
      }
    } else {
      buf += ch;
    }
  }
  flush();
  return out;
}

/** The text without its markers. */
export const plain = (s: string): string => s.replaceAll(MARK_START, '').replaceAll(MARK_END, '');

/** The page a hit opens: the incident (or its tab) for what is under one,
 *  the action, the meeting. */
export function hitHref(h: Pick<SearchHit, 'kind' | 'ref' | 'incidentRef'>): string {
  const inc = h.incidentRef || h.ref;
  switch (h.kind) {
    case 'incident':
      return incidentHref(inc);
    case 'event':
      return incidentHref(inc, 'timeline');
    case 'cause':
      return incidentHref(inc, 'root-cause');
    case 'postmortem':
      return incidentHref(inc, 'postmortem');
    case 'action':
      return actionHref(h.ref);
    case 'meeting':
      return meetingHref(h.ref);
    default:
      return h.ref ? incidentHref(h.ref) : href({ name: 'search', query: '' });
  }
}

/** What the search page shows: the text and its filters. Dates are
 *  YYYY-MM-DD, both inclusive, in the user's zone. */
export type SearchState = {
  q: string;
  kinds: SearchKind[];
  severities: string[];
  service: string;
  from: string;
  to: string;
};

export const emptySearch = (): SearchState => ({ q: '', kinds: [], severities: [], service: '', from: '', to: '' });

const list = (v: string | null): string[] =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Reads the query string of #/search?… ("" is an empty search). Unknown
 *  kinds are dropped; the rest is kept as typed for the Go side to judge. */
export function parseSearch(query: string): SearchState {
  const p = new URLSearchParams(query.replace(/^\?/, ''));
  return {
    q: p.get('q') ?? '',
    kinds: list(p.get('kind')).filter((k): k is SearchKind => KIND_NAMES.has(k)),
    severities: list(p.get('sev')).map((s) => s.toUpperCase()),
    service: p.get('service') ?? '',
    from: p.get('from') ?? '',
    to: p.get('to') ?? '',
  };
}

/** The query string for a state, in a fixed order with empty parts left
 *  out, so two equal states give one string. */
export function searchQuery(s: SearchState): string {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  if (s.kinds.length) p.set('kind', s.kinds.join(','));
  if (s.severities.length) p.set('sev', s.severities.join(','));
  if (s.service.trim()) p.set('service', s.service.trim());
  if (s.from) p.set('from', s.from);
  if (s.to) p.set('to', s.to);
  // URLSearchParams writes a space as "+"; %20 reads the same and is what
  // the address bar would show.
  return p.toString().replaceAll('+', '%20');
}

/** The address of the search page showing s. */
export const searchHref = (s: SearchState): string => href({ name: 'search', query: searchQuery(s) });

/** The search page for text alone (the palette's "Search everything"). */
export const searchTextHref = (q: string): string => searchHref({ ...emptySearch(), q });

/** Whether anything beside the text narrows the search. */
export const hasFilters = (s: SearchState): boolean =>
  s.kinds.length > 0 || s.severities.length > 0 || s.service.trim() !== '' || s.from !== '' || s.to !== '';

/** The request for one page of s. */
export function searchInput(s: SearchState, offset = 0, limit = PAGE_SIZE): SearchInput {
  return {
    text: s.q,
    kinds: [...s.kinds],
    severities: [...s.severities],
    services: s.service.trim() ? [s.service.trim()] : [],
    from: s.from,
    to: s.to,
    limit,
    offset,
  };
}

/** Whether the text holds a word to search for: the Go side finds nothing
 *  for text without one, so the page shows its guide instead. */
export const hasWords = (q: string): boolean => /[\p{L}\p{N}]/u.test(q);

/** "12 ms", "0.4 ms": the Go side's time for a page. */
export function tookLabel(micros: number): string {
  if (micros < 1000) return `${(micros / 1000).toFixed(1)} ms`;
  return `${Math.round(micros / 1000)} ms`;
}
