// The window's one clock. Every page asks it for "now", "today" and "this year"; nothing else
// reads the computer's time (and nothing reads it when a module is imported, so that a test's fake
// clock, or the app's, is always the one asked).
//
// "Today" is the calendar day in Europe/Bucharest, as in the core (crates/core/src/clock.rs): the
// association's deadlines and fee years are Romanian days, whatever the laptop's time zone.
// At start the window takes the core's "now" (`AppStatus.now`), which honours the test aid
// CLUSTERDESK_NOW, and keeps the difference to the computer's clock.

export const TIME_ZONE = 'Europe/Bucharest';

let offsetMs = 0;

/** Follows the core's clock: `coreNow` is its "now" as RFC 3339. */
export function followCore(coreNow: string): void {
  const core = Date.parse(coreNow);
  offsetMs = Number.isNaN(core) ? 0 : core - Date.now();
}

/** For tests: forget the core's clock. */
export function resetClock(): void {
  offsetMs = 0;
}

/** Now, as an instant. */
export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

type Parts = { year: number; month: number; day: number; hour: number; minute: number };

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant's wall-clock time in Bucharest. */
function bucharest(instant: Date): Parts {
  const get = (type: string) => Number(partsFormat.formatToParts(instant).find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Today in Bucharest, as ISO 'YYYY-MM-DD'. */
export function today(): string {
  const { year, month, day } = bucharest(now());
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** This year, in Bucharest. */
export function thisYear(): number {
  return bucharest(now()).year;
}

/** This month, in Bucharest: { year, month } with month 1–12. */
export function thisMonth(): { year: number; month: number } {
  const { year, month } = bucharest(now());
  return { year, month };
}

/** A stored UTC stamp ('2026-12-31T22:30:00Z') as Bucharest wall-clock time: ISO date and 'HH:MM'.
 *  Null when the text is not an instant. */
export function localDateTime(stamp: string): { date: string; time: string } | null {
  const instant = new Date(stamp);
  if (Number.isNaN(instant.getTime())) return null;
  const p = bucharest(instant);
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` };
}
