import { beforeEach, describe, expect, it } from 'vitest';
import type { Action } from './api';
import { appState } from '../stores/app.svelte';
import {
  addDays,
  changeValue,
  defaultDueDays,
  dueLabel,
  emptyActionInput,
  inputFromAction,
  priorityLabel,
  statusLabel,
  todayIn,
  typeLabel,
} from './actions';

beforeEach(() => {
  appState.meta = {
    ...appState.meta,
    systemZone: 'Europe/Berlin',
    priorities: [
      { name: 'P1', label: 'Urgent', defaultDueDays: 28, settingKey: 'actionDueP1' },
      { name: 'P2', label: 'Important', defaultDueDays: 56, settingKey: 'actionDueP2' },
      { name: 'P3', label: 'Normal', defaultDueDays: 84, settingKey: 'actionDueP3' },
    ],
    actionTypes: [{ name: 'prevent', label: 'Prevent', meaning: 'Stops it from happening again.' }],
    actionStatuses: [
      { name: 'open', label: 'Open', closed: false },
      { name: 'wont_do', label: "Won't do", closed: true },
    ],
  };
  appState.settings = { theme: 'system', zone: '', userName: 'Ana' };
});

const due = (d: string, overdue = false, daysOverdue = 0) => ({ due: d, overdue, daysOverdue });

describe('labels', () => {
  it('names statuses, priorities and types from the metadata', () => {
    expect(statusLabel('wont_do')).toBe("Won't do");
    expect(priorityLabel('P1')).toBe('Urgent');
    expect(typeLabel('prevent')).toBe('Prevent');
  });
  it('falls back to the name it does not know', () => {
    expect(statusLabel('later')).toBe('later');
    expect(priorityLabel('P9')).toBe('P9');
    expect(typeLabel('x')).toBe('x');
  });
  it('shows history values as labels, and none as a dash', () => {
    expect(changeValue('status', 'wont_do')).toBe("Won't do");
    expect(changeValue('owner', '')).toBe('—');
    expect(changeValue('owner', 'ana')).toBe('ana');
  });
});

describe('dueLabel', () => {
  it('says when there is no due date', () => {
    expect(dueLabel(due(''), '2026-11-24')).toBe('no due date');
  });
  it('gives a future date as a date', () => {
    expect(dueLabel(due('2026-12-01'), '2026-11-24')).toBe('due 2026-12-01');
  });
  it('says due today on the day', () => {
    expect(dueLabel(due('2026-11-24'), '2026-11-24')).toBe('due today');
  });
  it('counts the days overdue the Go side computed', () => {
    expect(dueLabel(due('2026-11-21', true, 3), '2026-11-24')).toBe('3 days overdue');
    expect(dueLabel(due('2026-11-23', true, 1), '2026-11-24')).toBe('1 day overdue');
  });
});

describe('dates', () => {
  it('reads today in the zone, not in UTC', () => {
    const late = Date.parse('2026-11-23T23:30:00Z');
    expect(todayIn('UTC', late)).toBe('2026-11-23');
    expect(todayIn('Europe/Berlin', late)).toBe('2026-11-24');
  });
  it('adds days across a month end', () => {
    expect(addDays('2026-11-29', 3)).toBe('2026-12-02');
  });
  it('takes the default deadline from the settings, else the metadata', () => {
    expect(defaultDueDays('P1')).toBe(28);
    appState.settings = { ...appState.settings, actionDue: [7, 14, 21] };
    expect(defaultDueDays('P1')).toBe(7);
    expect(defaultDueDays('P3')).toBe(21);
  });
});

describe('inputs', () => {
  it('starts empty so the Go side applies its defaults, in the user zone', () => {
    const i = emptyActionInput('inc-1');
    expect(i).toMatchObject({ title: '', priority: '', type: '', status: '', due: '', incident: 'inc-1' });
    expect(i.zone).toBe('Europe/Berlin');
  });
  it('turns an action back into the input that saves it unchanged', () => {
    const a = {
      id: 'a1', ref: 'ACT-0001', title: 'Add an alert', description: 'd', owner: 'ana', due: '2026-12-01',
      priority: 'P1', type: 'detect', status: 'wont_do', reason: 'dup', incidentId: 'inc-1', incidentRef: 'INC-0001',
      incidentTitle: 't', link: 'https://t/1', verification: 'v', createdAt: 1, updatedAt: 1, closedAt: null,
      version: 3, overdue: false, daysOverdue: 0, hints: [],
    } as unknown as Action;
    expect(inputFromAction(a)).toEqual({
      title: 'Add an alert', description: 'd', owner: 'ana', due: '2026-12-01', priority: 'P1', type: 'detect',
      status: 'wont_do', reason: 'dup', incident: 'inc-1', link: 'https://t/1', verification: 'v', zone: 'Europe/Berlin',
      causeNodeId: '', meetingId: '', agendaItemId: '',
    });
  });
});
