import { describe, expect, it } from 'vitest';
import { NO_TIME, parseQuickAdd } from './quickadd';

const KINDS = ['alert', 'deploy', 'note', 'action'];
const p = (s: string) => parseQuickAdd(s, '2026-11-23', KINDS);

describe('parseQuickAdd', () => {
  it('puts a bare time on the given day', () => {
    expect(p('14:05 rolled back the deploy')).toEqual({
      ok: true,
      at: '2026-11-23 14:05',
      kind: '',
      body: 'rolled back the deploy',
    });
  });
  it('keeps seconds and pads the hour', () => {
    expect(p('9:05:30 paged')).toMatchObject({ at: '2026-11-23 09:05:30', body: 'paged' });
  });
  it('takes a date when one is given', () => {
    expect(p('2026-11-24 00:10 still down')).toMatchObject({ at: '2026-11-24 00:10', body: 'still down' });
  });
  it('takes a kind in brackets or with a colon', () => {
    expect(p('14:05 [Alert] 5xx above 2%')).toMatchObject({ kind: 'alert', body: '5xx above 2%' });
    expect(p('14:05 deploy: v1.2.3 out')).toMatchObject({ kind: 'deploy', body: 'v1.2.3 out' });
  });
  it('leaves a word that is not a kind in the text', () => {
    expect(p('14:05 [db] failover')).toMatchObject({ kind: '', body: '[db] failover' });
    expect(p('14:05 Ana: looking')).toMatchObject({ kind: '', body: 'Ana: looking' });
  });
  it('refuses text without a time', () => {
    expect(p('rolled back')).toEqual({ ok: false, error: NO_TIME });
    expect(p('')).toEqual({ ok: false, error: NO_TIME });
    expect(p('14:05x no')).toEqual({ ok: false, error: NO_TIME });
  });
  it('passes odd times on for Go to judge', () => {
    expect(p('25:99 nope')).toMatchObject({ ok: true, at: '2026-11-23 25:99' });
  });
});
