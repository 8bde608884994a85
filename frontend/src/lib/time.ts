// Times cross the bridge as unix milliseconds (UTC); this module is where they
// become words, always in a named zone and always with the zone shown.

const numericCache = new Map<string, Intl.DateTimeFormat>();
const abbrCache = new Map<string, Intl.DateTimeFormat>();

function numericFormat(zone: string): Intl.DateTimeFormat {
  let f = numericCache.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    numericCache.set(zone, f);
  }
  return f;
}

function abbrFormat(locale: string, zone: string): Intl.DateTimeFormat {
  const key = `${locale}|${zone}`;
  let f = abbrCache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' });
    abbrCache.set(key, f);
  }
  return f;
}

function part(parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes): string {
  return parts.find((p) => p.type === type)?.value ?? '';
}

/** The zone's short name at that instant: "CET", "EST", "UTC", or "GMT+5:30"
 *  where no abbreviation is in common use. */
export function zoneAbbr(ms: number, zone: string): string {
  // en-US knows the American abbreviations, en-GB the European ones; take
  // the first that is a name rather than an offset.
  let fallback = '';
  for (const locale of ['en-US', 'en-GB']) {
    const name = part(abbrFormat(locale, zone).formatToParts(ms), 'timeZoneName');
    if (name && !/^(GMT|UTC)[+-]/.test(name)) return name;
    fallback ||= name;
  }
  return fallback || zone;
}

/** The zone as people read it: "Europe/Berlin (CET)", or just "UTC". */
export function zoneLabel(zone: string, at: number = Date.now()): string {
  const abbr = zoneAbbr(at, zone);
  return abbr === zone ? zone : `${zone} (${abbr})`;
}

/** "2026-11-23 14:05", the wall-clock time in zone; the form fields' format. */
export function toInput(ms: number, zone: string): string {
  const p = numericFormat(zone).formatToParts(ms);
  return `${part(p, 'year')}-${part(p, 'month')}-${part(p, 'day')} ${part(p, 'hour')}:${part(p, 'minute')}`;
}

/** "2026-11-23 14:05 CET"; "—" when the time is not known. */
export function format(ms: number | null | undefined, zone: string): string {
  if (ms === null || ms === undefined) return '—';
  return `${toInput(ms, zone)} ${zoneAbbr(ms, zone)}`;
}

/** A span as h:mm, with days once it passes 24 hours: "0:12", "2d 3:10".
 *  "—" when it is not known. */
export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 0) return `-${duration(-ms)}`;
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = String(minutes % 60).padStart(2, '0');
  return days > 0 ? `${days}d ${h}:${m}` : `${h}:${m}`;
}

const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "3 days ago": a secondary hint beside a full time, never on its own. */
export function relative(ms: number, now: number = Date.now()): string {
  const diff = ms - now;
  for (const [unit, size] of UNITS) {
    if (Math.abs(diff) >= size) return rtf.format(Math.trunc(diff / size), unit);
  }
  return 'just now';
}

/** The zone this browser runs in, as an IANA name. */
export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Whether Intl knows the zone name. */
export function isValidZone(zone: string): boolean {
  if (!zone) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zone times are shown and typed in: the setting, else the system zone
 *  Go reported, else this browser's. Go reports "Local" when the machine's
 *  zone has no name; then the browser's zone (the same machine) names it, so
 *  what is shown and what is sent agree. */
export function effectiveZone(settingZone: string, systemZone: string): string {
  if (settingZone && isValidZone(settingZone)) return settingZone;
  if (systemZone && systemZone !== 'Local' && isValidZone(systemZone)) return systemZone;
  return browserZone();
}

/** Every IANA zone this runtime knows, for the zone picker. */
export function allZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  try {
    return intl.supportedValuesOf?.('timeZone') ?? [];
  } catch {
    return [];
  }
}

const clockCache = new Map<string, Intl.DateTimeFormat>();

/** "14:02:11 CET": the time of day with seconds and the zone, for notes such
 *  as "Saved …" (the full date goes in their title). */
export function clock(ms: number, zone: string): string {
  let f = clockCache.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    clockCache.set(zone, f);
  }
  return `${f.format(ms)} ${zoneAbbr(ms, zone)}`;
}
