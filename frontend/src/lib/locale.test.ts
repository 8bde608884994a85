import { describe, expect, it } from 'vitest';
import { guardLanguage, usableLanguage } from './locale';

describe('usableLanguage', () => {
  it('keeps real tags and replaces the POSIX locale', () => {
    expect(usableLanguage('de-DE')).toBe('de-DE');
    expect(usableLanguage('en-us')).toBe('en-US');
    expect(usableLanguage('C')).toBe('en-US');
    expect(usableLanguage('POSIX')).toBe('en-US');
    expect(usableLanguage('')).toBe('en-US');
    expect(usableLanguage(undefined)).toBe('en-US');
  });
});

describe('guardLanguage', () => {
  it('makes a navigator that says "C" say en-US, so Intl formatters built from it work', () => {
    const nav = { language: 'C', languages: ['C'] } as unknown as Navigator;
    expect(() => new Intl.NumberFormat(nav.language)).toThrow(RangeError);
    guardLanguage(nav);
    expect(nav.language).toBe('en-US');
    expect(nav.languages).toEqual(['en-US']);
    expect(new Intl.NumberFormat(nav.language).format(1234.5)).toBe('1,234.5');
  });

  it('leaves a usable language alone', () => {
    const nav = { language: 'fr-FR', languages: ['fr-FR', 'en'] } as unknown as Navigator;
    guardLanguage(nav);
    expect(nav.language).toBe('fr-FR');
    expect(nav.languages).toEqual(['fr-FR', 'en']);
  });
});
