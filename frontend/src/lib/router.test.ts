import { describe, expect, it } from 'vitest';
import { href, meetingHref, parse, type Route } from './router';

describe('parse', () => {
  it.each<[string, Route]>([
    ['', { name: 'incidents' }],
    ['#', { name: 'incidents' }],
    ['#/', { name: 'incidents' }],
    ['#/incidents', { name: 'incidents' }],
    ['#/incidents/', { name: 'incidents' }],
    ['#/incidents/new', { name: 'new' }],
    ['#/incidents/INC-0001', { name: 'incident', ref: 'INC-0001', tab: 'overview' }],
    ['#/incidents/INC-0001/timeline', { name: 'incident', ref: 'INC-0001', tab: 'timeline' }],
    ['#/incidents/INC-0001/root-cause', { name: 'incident', ref: 'INC-0001', tab: 'root-cause' }],
    ['#/incidents/INC-0001/edit', { name: 'edit', ref: 'INC-0001' }],
    ['#/trash', { name: 'trash' }],
    ['#/settings', { name: 'settings' }],
    ['#/actions', { name: 'actions' }],
    ['#/reviews', { name: 'reviews' }],
    ['#/actions/ACT-0001', { name: 'action', ref: 'ACT-0001' }],
    ['#/actions/ACT-0001/', { name: 'action', ref: 'ACT-0001' }],
    ['#/actions/ACT-0001/more', { name: 'notfound', path: 'actions/ACT-0001/more' }],
    ['#/incidents/INC-0001/nonsense', { name: 'notfound', path: 'incidents/INC-0001/nonsense' }],
    ['#/elsewhere', { name: 'notfound', path: 'elsewhere' }],
    ['#/reviews/meetings', { name: 'meetings' }],
    ['#/reviews/meetings/', { name: 'meetings' }],
    ['#/meetings', { name: 'meetings' }],
    ['#/meetings/MTG-0001', { name: 'meeting', ref: 'MTG-0001', present: false }],
    ['#/meetings/MTG-0001/present', { name: 'meeting', ref: 'MTG-0001', present: true }],
    ['#/meetings/MTG-0001/present/', { name: 'meeting', ref: 'MTG-0001', present: true }],
    ['#/meetings/MTG-0001/edit', { name: 'notfound', path: 'meetings/MTG-0001/edit' }],
    ['#/reviews/elsewhere', { name: 'notfound', path: 'reviews/elsewhere' }],
    ['#/search', { name: 'search', query: '' }],
    ['#/search/', { name: 'search', query: '' }],
    ['#/search?q=pool', { name: 'search', query: 'q=pool' }],
    ['#/search/?q=pool&kind=event', { name: 'search', query: 'q=pool&kind=event' }],
    ['#/search/pool', { name: 'notfound', path: 'search/pool' }],
    ['#/insights', { name: 'insights', query: '' }],
    ['#/insights?from=2026-01&to=2026-06', { name: 'insights', query: 'from=2026-01&to=2026-06' }],
    ['#/incidents?q=pool', { name: 'notfound', path: 'incidents?q=pool' }],
  ])('reads %s', (hash, want) => {
    expect(parse(hash)).toEqual(want);
  });
});

describe('href', () => {
  it.each<Route>([
    { name: 'incidents' },
    { name: 'new' },
    { name: 'incident', ref: 'INC-0042', tab: 'overview' },
    { name: 'incident', ref: 'INC-0042', tab: 'metrics' },
    { name: 'edit', ref: 'INC-0042' },
    { name: 'trash' },
    { name: 'settings' },
    { name: 'action', ref: 'ACT-0042' },
    { name: 'reviews' },
    { name: 'meetings' },
    { name: 'meeting', ref: 'MTG-0001', present: false },
    { name: 'meeting', ref: 'MTG-0001', present: true },
    { name: 'meeting', ref: 'a b/c', present: true },
    { name: 'insights', query: 'from=2026-01&to=2026-06&service=checkout' },
    { name: 'search', query: '' },
    { name: 'search', query: 'q=z%C3%BCrich%20pool&kind=event,action&sev=SEV1' },
  ])('round-trips %o', (r) => {
    expect(parse(href(r))).toEqual(r);
  });

  it('keeps the overview tab out of the address', () => {
    expect(href({ name: 'incident', ref: 'INC-0042', tab: 'overview' })).toBe('#/incidents/INC-0042');
    expect(href({ name: 'incident', ref: 'INC-0042', tab: 'timeline' })).toBe('#/incidents/INC-0042/timeline');
  });
});

describe('meetingHref', () => {
  it('is the meeting page, or its presenting view', () => {
    expect(meetingHref('MTG-0001')).toBe('#/meetings/MTG-0001');
    expect(meetingHref('MTG-0001', true)).toBe('#/meetings/MTG-0001/present');
    expect(href({ name: 'meetings' })).toBe('#/reviews/meetings');
  });
});
