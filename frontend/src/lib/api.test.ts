import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, createIncident, listIncidents, reportError, toApiError } from './api';

describe('toApiError', () => {
  it('keeps the code, message and fields of the Go error formatter', () => {
    const e = toApiError({ code: 'invalid', message: 'title: is required', fields: { title: 'is required' } });
    expect(e).toBeInstanceOf(ApiError);
    expect(e.code).toBe('invalid');
    expect(e.message).toBe('title: is required');
    expect(e.fields).toEqual({ title: 'is required' });
    expect(e.hasFields).toBe(true);
  });
  it('reads the same object sent as a JSON string', () => {
    const e = toApiError('{"code":"conflict","message":"changed elsewhere"}');
    expect(e.code).toBe('conflict');
    expect(e.message).toBe('changed elsewhere');
    expect(e.hasFields).toBe(false);
  });
  it('splits field messages into those a form shows and a banner line for the rest', () => {
    const e = new ApiError('invalid', 'x', { title: 'is required', zone: 'is unknown', foo: 'is bad' });
    expect(e.splitFields({ title: 'Title' })).toEqual({
      known: { title: 'is required' },
      other: 'Time zone is unknown (change it in Settings) · foo is bad',
    });
  });
  it('treats a plain string as an internal error with that message', () => {
    const e = toApiError('something broke');
    expect(e.code).toBe('internal');
    expect(e.message).toBe('something broke');
    expect(e.fields).toEqual({});
  });
  it('treats a JavaScript error, such as a missing bridge, as internal', () => {
    const e = toApiError(new TypeError("Cannot read properties of undefined (reading 'app')"));
    expect(e.code).toBe('internal');
    expect(e.message).toMatch(/Cannot read properties/);
  });
  it('maps an unknown code to internal and builds a message from the fields', () => {
    const e = toApiError({ code: 'weird', fields: { zone: 'unknown time zone', bad: 42 } });
    expect(e.code).toBe('internal');
    expect(e.fields).toEqual({ zone: 'unknown time zone' });
    expect(e.message).toBe('zone: unknown time zone');
  });
  it('copes with nothing at all', () => {
    expect(toApiError(undefined).message).toBe('Unknown error');
    expect(toApiError(null).code).toBe('internal');
  });
  it('passes an ApiError through unchanged', () => {
    const e = new ApiError('not_found', 'no such incident');
    expect(toApiError(e)).toBe(e);
  });
});

describe('the wrapped bindings', () => {
  afterEach(() => {
    delete (window as unknown as { go?: unknown }).go;
  });

  function bridge(incidents: Record<string, unknown>, system: Record<string, unknown> = {}) {
    (window as unknown as { go: unknown }).go = { app: { IncidentsAPI: incidents, SystemAPI: system } };
  }

  it('rejects with an ApiError when the Go side refuses', async () => {
    bridge({ Create: vi.fn().mockRejectedValue({ code: 'invalid', message: 'x', fields: { title: 'is required' } }) });
    const err = await createIncident({} as never).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.fields.title).toBe('is required');
  });

  it('fills the filter with defaults so Go gets every field', async () => {
    const list = vi.fn().mockResolvedValue({ items: [], total: 0, offset: 0, limit: 100 });
    bridge({ List: list });
    await listIncidents({ query: 'db', limit: 100 });
    expect(list).toHaveBeenCalledWith({
      query: 'db',
      statuses: [],
      severities: [],
      services: [],
      trashed: false,
      sort: '',
      limit: 100,
      offset: 0,
    });
  });

  it('rejects with an internal ApiError when there is no bridge at all', async () => {
    const err = await listIncidents({}).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('internal');
  });

  it('never throws from reportError', async () => {
    await expect(reportError('boom')).resolves.toBeUndefined();
  });
});
