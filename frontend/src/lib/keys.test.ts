import { describe, expect, it } from 'vitest';
import { isTab, isTyping, resolveKey } from './keys';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('resolveKey', () => {
  it('maps single keys to actions', () => {
    expect(resolveKey(key('c'), null)).toEqual({ action: 'create', pending: null });
    expect(resolveKey(key('j'), null).action).toBe('down');
    expect(resolveKey(key('k'), null).action).toBe('up');
    expect(resolveKey(key('/'), null).action).toBe('filter');
    expect(resolveKey(key('?'), null).action).toBe('help');
    expect(resolveKey(key('Escape'), null).action).toBe('back');
  });
  it('reads g then a letter as a jump', () => {
    const first = resolveKey(key('g'), null);
    expect(first).toEqual({ action: null, pending: 'g' });
    expect(resolveKey(key('i'), first.pending)).toEqual({ action: 'go-incidents', pending: null });
    expect(resolveKey(key('t'), 'g').action).toBe('go-trash');
    expect(resolveKey(key('f'), 'g').action).toBe('go-search');
    expect(resolveKey(key('n'), 'g').action).toBe('go-insights');
    expect(resolveKey(key('x'), 'g')).toEqual({ action: null, pending: null });
  });
  it('opens the palette with Ctrl+K or Cmd+K, and saves with Ctrl+Enter', () => {
    expect(resolveKey(key('k', { ctrlKey: true }), null).action).toBe('palette');
    expect(resolveKey(key('K', { metaKey: true }), null).action).toBe('palette');
    expect(resolveKey(key('Enter', { ctrlKey: true }), null).action).toBe('save');
  });
  it('maps the actions view keys: pick, extend, select all, board moves, view switch', () => {
    expect(resolveKey(key('x'), null).action).toBe('pick');
    expect(resolveKey(key('J'), null).action).toBe('extend-down');
    expect(resolveKey(key('K'), null).action).toBe('extend-up');
    expect(resolveKey(key('a', { ctrlKey: true }), null).action).toBe('pick-all');
    expect(resolveKey(key('A', { metaKey: true }), null).action).toBe('pick-all');
    expect(resolveKey(key('h'), null).action).toBe('left');
    expect(resolveKey(key('l'), null).action).toBe('right');
    expect(resolveKey(key(']'), null).action).toBe('move-next');
    expect(resolveKey(key('L'), null).action).toBe('move-next');
    expect(resolveKey(key('['), null).action).toBe('move-prev');
    expect(resolveKey(key('H'), null).action).toBe('move-prev');
    expect(resolveKey(key('v'), null).action).toBe('toggle-view');
    expect(resolveKey(key('Home'), null).action).toBe('first');
    expect(resolveKey(key('End'), null).action).toBe('last');
  });
  it('maps the postmortem keys: p cycles the layout, Ctrl+S or Cmd+S saves now', () => {
    expect(resolveKey(key('p'), null).action).toBe('layout');
    expect(resolveKey(key('s', { ctrlKey: true }), null).action).toBe('save-now');
    expect(resolveKey(key('S', { metaKey: true }), null).action).toBe('save-now');
    expect(resolveKey(key('s', { ctrlKey: true, altKey: true }), null).action).toBe(null);
  });
  it('ignores letters typed with a modifier', () => {
    expect(resolveKey(key('c', { ctrlKey: true }), null).action).toBeNull();
    expect(resolveKey(key('e', { altKey: true }), null).action).toBeNull();
  });
});

describe('isTyping', () => {
  it('is true in text fields and false on buttons and checkboxes', () => {
    const text = document.createElement('input');
    const box = document.createElement('input');
    box.type = 'checkbox';
    expect(isTyping(text)).toBe(true);
    expect(isTyping(document.createElement('textarea'))).toBe(true);
    expect(isTyping(box)).toBe(false);
    expect(isTyping(document.createElement('button'))).toBe(false);
    expect(isTyping(null)).toBe(false);
  });
});

describe('isTab', () => {
  it('knows Tab by its key, its physical key or its key code (WebKitGTK calls Shift+Tab ISO_Left_Tab)', () => {
    expect(isTab(new KeyboardEvent('keydown', { key: 'Tab' }))).toBe(true);
    expect(isTab(new KeyboardEvent('keydown', { key: 'ISO_Left_Tab', code: 'Tab', shiftKey: true }))).toBe(true);
    expect(isTab(new KeyboardEvent('keydown', { key: 'Unidentified', keyCode: 9 } as KeyboardEventInit))).toBe(true);
    expect(isTab(new KeyboardEvent('keydown', { key: 'a', code: 'KeyA' }))).toBe(false);
  });
});
