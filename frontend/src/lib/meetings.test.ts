import { describe, expect, it } from 'vitest';
import {
  cadenceLabel,
  dayIn,
  defaultTitle,
  formatPeriod,
  hhmm,
  periodDates,
  periodReason,
  previousMeeting,
  safeZone,
  zonedTime,
} from './meetings';

const utc = (s: string) => Date.parse(s);

describe('zonedTime', () => {
  it('reads the wall clock of the zone, on either side of a DST change', () => {
    // Berlin moves to CEST on 2026-03-29.
    expect(zonedTime('2026-03-28', '10:00', 'Europe/Berlin')).toBe(utc('2026-03-28T09:00:00Z'));
    expect(zonedTime('2026-03-29', '10:00', 'Europe/Berlin')).toBe(utc('2026-03-29T08:00:00Z'));
    expect(zonedTime('2026-11-02', '09:30', 'America/New_York')).toBe(utc('2026-11-02T14:30:00Z'));
    expect(zonedTime('2026-06-15', '00:00', 'UTC')).toBe(utc('2026-06-15T00:00:00Z'));
    expect(zonedTime('2026-06-15', '10:00', 'Asia/Kolkata')).toBe(utc('2026-06-15T04:30:00Z'));
  });

  it('is null for what does not parse', () => {
    expect(zonedTime('15/06/2026', '10:00', 'UTC')).toBeNull();
    expect(zonedTime('2026-06-15', '25:00', 'UTC')).toBeNull();
    expect(zonedTime('2026-13-01', '10:00', 'UTC')).toBeNull();
    expect(zonedTime('2026-06-15', '', 'UTC')).toBeNull();
  });

  it('reads an unknown zone as UTC rather than throwing', () => {
    expect(zonedTime('2026-06-15', '10:00', 'Mars/Olympus')).toBe(utc('2026-06-15T10:00:00Z'));
    expect(safeZone('Mars/Olympus')).toBe('UTC');
    expect(safeZone('Europe/Berlin')).toBe('Europe/Berlin');
  });
});

describe('periodDates', () => {
  it('shows the day before an end at midnight in the zone (the end is exclusive)', () => {
    const start = utc('2026-10-31T23:00:00Z'); // 2026-11-01 00:00 CET
    const end = utc('2026-11-23T23:00:00Z'); // 2026-11-24 00:00 CET
    expect(periodDates(start, end, 'Europe/Berlin')).toEqual({ from: '2026-11-01', to: '2026-11-23' });
  });

  it('keeps the day of an end mid-day (a period ending at the meeting)', () => {
    const start = utc('2026-06-08T08:00:00Z'); // 10:00 CEST
    const end = utc('2026-06-15T08:00:00Z');
    expect(periodDates(start, end, 'Europe/Berlin')).toEqual({ from: '2026-06-08', to: '2026-06-15' });
  });

  it('reads midnight across a DST change in the series zone', () => {
    // 2026-03-22 00:00 CET to 2026-03-30 00:00 CEST: the offsets differ.
    const start = utc('2026-03-21T23:00:00Z');
    const end = utc('2026-03-29T22:00:00Z');
    expect(periodDates(start, end, 'Europe/Berlin')).toEqual({ from: '2026-03-22', to: '2026-03-29' });
    // The same instants read in New York are not midnights there.
    expect(periodDates(start, end, 'America/New_York')).toEqual({ from: '2026-03-21', to: '2026-03-29' });
  });

  it('is the series zone that decides, not UTC', () => {
    // Midnight in UTC is mid-day in Tokyo, and midnight in Tokyo is mid-day in UTC.
    expect(periodDates(utc('2026-06-01T00:00:00Z'), utc('2026-06-08T00:00:00Z'), 'UTC')).toEqual({
      from: '2026-06-01',
      to: '2026-06-07',
    });
    expect(periodDates(utc('2026-06-01T00:00:00Z'), utc('2026-06-08T00:00:00Z'), 'Asia/Tokyo')).toEqual({
      from: '2026-06-01',
      to: '2026-06-08',
    });
    expect(periodDates(utc('2026-05-31T15:00:00Z'), utc('2026-06-07T15:00:00Z'), 'Asia/Tokyo')).toEqual({
      from: '2026-06-01',
      to: '2026-06-07',
    });
  });

  it('does not end before it starts', () => {
    const t = utc('2026-06-01T00:00:00Z');
    expect(periodDates(t, t, 'UTC')).toEqual({ from: '2026-06-01', to: '2026-06-01' });
  });
});

describe('formatting', () => {
  it('writes periods, titles, cadences, days and times', () => {
    expect(formatPeriod('2026-11-01', '2026-11-23')).toBe('2026-11-01 – 2026-11-23');
    expect(formatPeriod('2026-11-01', '2026-11-01')).toBe('2026-11-01');
    expect(defaultTitle('Weekly ops', '2026-06-15')).toBe('Weekly ops 2026-06-15');
    expect(cadenceLabel('adhoc')).toBe('Ad hoc');
    expect(cadenceLabel('weekly')).toBe('Weekly');
    expect(cadenceLabel('odd')).toBe('odd');
    expect(dayIn(utc('2026-06-14T22:30:00Z'), 'Europe/Berlin')).toBe('2026-06-15');
    expect(dayIn(utc('2026-06-14T22:30:00Z'), 'America/New_York')).toBe('2026-06-14');
    expect(hhmm('9:05')).toBe('09:05');
    expect(hhmm('10:00:00')).toBe('10:00');
  });
});

describe('previousMeeting and periodReason', () => {
  const m1 = { ref: 'MTG-0001', at: 1000, periodEnd: 1000 };
  const m2 = { ref: 'MTG-0002', at: 2000, periodEnd: 2000 };
  const later = { ref: 'MTG-0003', at: 5000, periodEnd: 5000 };

  it('is the latest meeting before the new one, if its period ended before', () => {
    expect(previousMeeting([later, m2, m1], 3000)).toBe(m2);
    expect(previousMeeting([later, m2, m1], 1500)).toBe(m1);
    expect(previousMeeting([later], 3000)).toBeUndefined();
    expect(previousMeeting([{ ref: 'MTG-0004', at: 2000, periodEnd: 4000 }], 3000)).toBeUndefined();
    expect(previousMeeting([], 3000)).toBeUndefined();
  });

  it('says why the period is what it is', () => {
    expect(periodReason('weekly', m2)).toBe('since the previous meeting (MTG-0002)');
    expect(periodReason('weekly')).toBe('the week before the meeting');
    expect(periodReason('monthly')).toBe('the month before the meeting');
    expect(periodReason('adhoc')).toBe('the 30 days before the meeting');
  });
});
