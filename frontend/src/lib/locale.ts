// Imported first by main.ts, before anything else is evaluated. WebKitGTK
// reports the POSIX locale as navigator.language "C" when LANG is unset or
// C (minimal systems, CI, some terminals); "C" is not a BCP 47 tag, and
// libraries that build an Intl formatter from navigator.language when they
// load (uPlot does) throw a RangeError that stops the whole window. Such a
// language is replaced with "en-US", which is what Hindsight formats in.

/** Returns lang if Intl accepts it as a language tag, else "en-US". */
export function usableLanguage(lang: string | undefined | null): string {
  if (!lang || /^(c|posix)([._@].*)?$/i.test(lang)) return 'en-US';
  try {
    return Intl.getCanonicalLocales(lang)[0] ?? 'en-US';
  } catch {
    return 'en-US';
  }
}

/** Makes navigator.language (and languages) usable tags. */
export function guardLanguage(nav: Navigator = navigator): void {
  const lang = usableLanguage(nav.language);
  if (lang === nav.language) return;
  const langs = (nav.languages ?? []).map(usableLanguage);
  Object.defineProperty(nav, 'language', { value: lang, configurable: true });
  Object.defineProperty(nav, 'languages', { value: Object.freeze(langs.length ? langs : [lang]), configurable: true });
}

guardLanguage();
