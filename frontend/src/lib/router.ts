// A small hash router: the URL-like hash is the one source of where the user
// is, so Back, reloads and links all work without a router library.

export const TABS = ['overview', 'timeline', 'root-cause', 'postmortem', 'actions', 'metrics'] as const;
export type Tab = (typeof TABS)[number];

export const TAB_LABELS: Record<Tab, string> = {
  overview: 'Overview',
  timeline: 'Timeline',
  'root-cause': 'Root cause',
  postmortem: 'Postmortem',
  actions: 'Actions',
  metrics: 'Metrics',
};

export type Route =
  | { name: 'incidents' }
  | { name: 'new' }
  | { name: 'incident'; ref: string; tab: Tab }
  | { name: 'edit'; ref: string }
  | { name: 'trash' }
  | { name: 'settings' }
  | { name: 'actions' }
  | { name: 'action'; ref: string }
  | { name: 'reviews' }
  | { name: 'meetings' }
  | { name: 'meeting'; ref: string; present: boolean }
  // query is the search page's query string (lib/search.ts reads it).
  | { name: 'search'; query: string }
  // query is the Insights range (lib/insights.ts reads it).
  | { name: 'insights'; query: string }
  | { name: 'notfound'; path: string };

const SIMPLE = ['incidents', 'trash', 'settings', 'actions', 'reviews'] as const;

function isTab(s: string): s is Tab {
  return (TABS as readonly string[]).includes(s);
}

/** Reads a location hash ("#/incidents/INC-0001/timeline") as a route. An
 *  empty hash is the incident list. */
export function parse(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\/+/, '').replace(/\/+$/, '');
  if (path === '') return { name: 'incidents' };
  // The pages with a query string: what is searched, and the Insights
  // range, survive reload.
  const search = /^search\/*(?:\?(.*))?$/.exec(path);
  if (search) return { name: 'search', query: search[1] ?? '' };
  const insights = /^insights\/*(?:\?(.*))?$/.exec(path);
  if (insights) return { name: 'insights', query: insights[1] ?? '' };
  const seg = path.split('/').map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  if (seg.length === 1 && (SIMPLE as readonly string[]).includes(seg[0])) {
    return { name: seg[0] } as Route;
  }
  if (seg[0] === 'actions' && seg.length === 2 && seg[1]) return { name: 'action', ref: seg[1] };
  // Review meetings live under Reviews; a meeting's own address is short.
  if (seg[0] === 'reviews' && seg.length === 2 && seg[1] === 'meetings') return { name: 'meetings' };
  if (seg[0] === 'meetings') {
    if (seg.length === 1) return { name: 'meetings' };
    if (seg.length === 2 && seg[1]) return { name: 'meeting', ref: seg[1], present: false };
    if (seg.length === 3 && seg[1] && seg[2] === 'present') return { name: 'meeting', ref: seg[1], present: true };
  }
  if (seg[0] === 'incidents') {
    if (seg.length === 2 && seg[1] === 'new') return { name: 'new' };
    if (seg.length === 2 && seg[1]) return { name: 'incident', ref: seg[1], tab: 'overview' };
    if (seg.length === 3 && seg[2] === 'edit') return { name: 'edit', ref: seg[1] };
    if (seg.length === 3 && isTab(seg[2])) return { name: 'incident', ref: seg[1], tab: seg[2] };
  }
  return { name: 'notfound', path };
}

/** The hash for a route; parse(href(r)) gives r back. */
export function href(r: Route): string {
  switch (r.name) {
    case 'new':
      return '#/incidents/new';
    case 'incident':
      return r.tab === 'overview'
        ? `#/incidents/${encodeURIComponent(r.ref)}`
        : `#/incidents/${encodeURIComponent(r.ref)}/${r.tab}`;
    case 'edit':
      return `#/incidents/${encodeURIComponent(r.ref)}/edit`;
    case 'action':
      return `#/actions/${encodeURIComponent(r.ref)}`;
    case 'meetings':
      return '#/reviews/meetings';
    case 'meeting':
      return r.present ? `#/meetings/${encodeURIComponent(r.ref)}/present` : `#/meetings/${encodeURIComponent(r.ref)}`;
    case 'search':
      return r.query ? `#/search?${r.query}` : '#/search';
    case 'insights':
      return r.query ? `#/insights?${r.query}` : '#/insights';
    case 'notfound':
      return `#/${r.path}`;
    default:
      return `#/${r.name}`;
  }
}

export const incidentHref = (ref: string, tab: Tab = 'overview') => href({ name: 'incident', ref, tab });
export const actionHref = (ref: string) => href({ name: 'action', ref });
export const meetingHref = (ref: string, present = false) => href({ name: 'meeting', ref, present });

/** Goes to a route. replace swaps the current history entry (for redirects
 *  such as "the incident you were on was deleted"). */
export function navigate(to: Route | string, opts: { replace?: boolean } = {}): void {
  const h = typeof to === 'string' ? to : href(to);
  if (opts.replace) {
    history.replaceState(history.state, '', h);
    // replaceState fires no hashchange; tell the listeners ourselves.
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else if (location.hash !== h) {
    location.hash = h;
  }
}

/** Calls fn with the route now and on every change; returns the unsubscribe. */
export function listen(fn: (r: Route) => void): () => void {
  const on = () => fn(parse(location.hash));
  window.addEventListener('hashchange', on);
  on();
  return () => window.removeEventListener('hashchange', on);
}
