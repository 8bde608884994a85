import { describe, expect, it } from 'vitest';
import { parse } from './router';
import {
  emptySearch,
  hasFilters,
  hasWords,
  hitHref,
  parseSearch,
  plain,
  searchHref,
  searchInput,
  searchQuery,
  searchTextHref,
  splitMarks,
  tookLabel,
  type SearchState,
} from './search';

const S = '\x02';
const E = '\x03';

describe('splitMarks', () => {
  it.each<[string, string, { text: string; mark: boolean }[]]>([
    ['plain text is one part', 'pool ran dry', [{ text: 'pool ran dry', mark: false }]],
    ['nothing gives nothing', '', []],
    [
      'marked words are their own parts',
      `the ${S}pool${E} ran ${S}dry${E}`,
      [
        { text: 'the ', mark: false },
        { text: 'pool', mark: true },
        { text: ' ran ', mark: false },
        { text: 'dry', mark: true },
      ],
    ],
    ['an unmatched start marks to the end', `a ${S}pool ran`, [{ text: 'a ', mark: false }, { text: 'pool ran', mark: true }]],
    ['a stray end is dropped', `pool${E} ran`, [{ text: 'pool ran', mark: false }]],
    ['a start inside a mark is dropped', `${S}po${S}ol${E}!`, [{ text: 'pool', mark: true }, { text: '!', mark: false }]],
    ['empty marks leave nothing', `a${S}${E}b`, [{ text: 'ab', mark: false }]],
    ['adjacent marks merge', `${S}Zü${E}${S}rich${E}`, [{ text: 'Zürich', mark: true }]],
    ['markup stays text', `${S}<b>${E}&amp;`, [{ text: '<b>', mark: true }, { text: '&amp;', mark: false }]],
  ])('%s', (_, s, want) => {
    expect(splitMarks(s)).toEqual(want);
  });

  it('plain drops the markers', () => {
    expect(plain(`the ${S}pool${E}`)).toBe('the pool');
  });
});

describe('hitHref', () => {
  it.each<[string, string, string, string]>([
    ['incident', 'INC-0042', 'INC-0042', '#/incidents/INC-0042'],
    ['event', 'INC-0042', 'INC-0042', '#/incidents/INC-0042/timeline'],
    ['cause', 'INC-0042', 'INC-0042', '#/incidents/INC-0042/root-cause'],
    ['postmortem', 'INC-0042', 'INC-0042', '#/incidents/INC-0042/postmortem'],
    ['action', 'ACT-0007', 'INC-0042', '#/actions/ACT-0007'],
    ['action', 'ACT-0008', '', '#/actions/ACT-0008'],
    ['meeting', 'MTG-0003', '', '#/meetings/MTG-0003'],
  ])('a %s hit (%s) opens its page', (kind, ref, incidentRef, want) => {
    const h = hitHref({ kind: kind as never, ref, incidentRef });
    expect(h).toBe(want);
    expect(parse(h).name).not.toBe('notfound');
  });
});

describe('the search address', () => {
  const full: SearchState = {
    q: 'Zürich "pool ran" a&b=c?#/',
    kinds: ['event', 'action'],
    severities: ['SEV1', 'SEV2'],
    service: 'payments api',
    from: '2026-11-01',
    to: '2026-11-30',
  };

  it.each<[string, SearchState]>([
    ['an empty search', emptySearch()],
    ['text alone', { ...emptySearch(), q: 'pool' }],
    ['text and every filter', full],
  ])('round-trips %s through the hash', (_, s) => {
    const h = searchHref(s);
    const r = parse(h);
    expect(r.name).toBe('search');
    expect(parseSearch(r.name === 'search' ? r.query : '')).toEqual(s);
  });

  it('writes one string for one state', () => {
    expect(searchQuery(emptySearch())).toBe('');
    expect(searchHref(emptySearch())).toBe('#/search');
    expect(searchTextHref('pool dry')).toBe('#/search?q=pool%20dry');
    expect(searchQuery({ ...emptySearch(), q: 'x', service: '  ' })).toBe('q=x');
  });

  it('drops unknown kinds and reads severities in any case', () => {
    expect(parseSearch('?kind=event,tweet&sev=sev1')).toMatchObject({ kinds: ['event'], severities: ['SEV1'] });
  });

  it('turns a state into a request', () => {
    expect(searchInput(full, 30)).toEqual({
      text: full.q,
      kinds: ['event', 'action'],
      severities: ['SEV1', 'SEV2'],
      services: ['payments api'],
      from: '2026-11-01',
      to: '2026-11-30',
      limit: 30,
      offset: 30,
    });
    expect(searchInput(emptySearch()).services).toEqual([]);
    expect(hasFilters(emptySearch())).toBe(false);
    expect(hasFilters({ ...emptySearch(), to: '2026-11-30' })).toBe(true);
  });
});

describe('small helpers', () => {
  it('knows text with no word finds nothing', () => {
    expect(hasWords('"')).toBe(false);
    expect(hasWords('* (')).toBe(false);
    expect(hasWords('Zü')).toBe(true);
    expect(hasWords('42')).toBe(true);
  });

  it('words the Go side time', () => {
    expect(tookLabel(400)).toBe('0.4 ms');
    expect(tookLabel(12_345)).toBe('12 ms');
  });
});
