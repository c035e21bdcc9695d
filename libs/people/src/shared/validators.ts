/** Checks shared by the DTOs and the CSV import, cached because an import asks 100,000 times. */
const timeZones = new Map<string, boolean>();
const locales = new Map<string, string | null>();

export function isTimeZone(value: string): boolean {
  let known = timeZones.get(value);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      known = value.includes('/') || value === 'UTC';
    } catch {
      known = false;
    }
    timeZones.set(value, known);
  }
  return known;
}

/** The canonical BCP 47 form of a locale (`de-de` → `de-DE`), or null when it is not one. */
export function canonicalLocale(value: string): string | null {
  let canonical = locales.get(value);
  if (canonical === undefined) {
    try {
      canonical = /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/.test(value) ? Intl.getCanonicalLocales(value.replace(/_/g, '-'))[0] : null;
    } catch {
      canonical = null;
    }
    locales.set(value, canonical);
  }
  return canonical;
}

/** A calendar date written YYYY-MM-DD that exists. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

// Deliberately plain: one @, no spaces, a dot in the domain. Deliverability is the mailer's job.
export function isEmail(value: string): boolean {
  return value.length <= 320 && /^[^\s@"<>,;]+@[^\s@"<>,;]+\.[^\s@"<>,;]{2,}$/.test(value);
}

export const MARKET_CODE = /^[A-Z0-9][A-Z0-9_-]{1,15}$/;
export const TIER_KEY = /^[a-z][a-z0-9_]{1,39}$/;
