// Calendar arithmetic on ISO dates ('YYYY-MM-DD'), free of time zones: the days themselves come
// from lib/clock.ts (Bucharest days) or from the core.

export function isoOf(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The last day of a month (1–12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A month moved by `by` months: { year, month } with month 1–12. */
export function shiftMonth(year: number, month: number, by: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + by;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** An ISO date moved by whole months, the day kept (or the month's last day). */
export function addMonths(iso: string, by: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const next = shiftMonth(y, m, by);
  return isoOf(next.year, next.month, Math.min(d, daysInMonth(next.year, next.month)));
}

/** "YYYY-MM" of an ISO date. */
export function monthKey(iso: string): string {
  return iso.slice(0, 7);
}

/** The days from `first` to `last` (ISO), at most 60. */
export function daysBetween(first: string, last: string): string[] {
  const out: string[] = [];
  const day = new Date(`${first}T12:00:00Z`);
  const end = new Date(`${last}T12:00:00Z`);
  while (day <= end && out.length < 60) {
    out.push(day.toISOString().slice(0, 10));
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return out;
}
