// Small text helpers the event screens share: kinds in the list's order, dates as a range,
// country names from the catalogue (the code when it has none), slots as people read them.
import type { EventKind } from '../../bindings/EventKind';
import type { MeetingOutcome } from '../../bindings/MeetingOutcome';
import type { MeetingStatus } from '../../bindings/MeetingStatus';
import type { RegistrationState } from '../../bindings/RegistrationState';
import { formatDate, has, t } from '../../i18n.svelte';

export const EVENT_KINDS: EventKind[] = [
  'inward_mission',
  'outward_mission',
  'brokerage',
  'conference',
  'workshop',
  'other',
];
export const MEETING_STATUSES: MeetingStatus[] = ['requested', 'held', 'not_held'];
export const MEETING_OUTCOMES: MeetingOutcome[] = ['none', 'follow_up', 'agreement'];
/** The states staff set by hand on an event's registration (the core refuses others). */
export const EVENT_STATES: RegistrationState[] = ['enrolled', 'confirmed', 'attended', 'no_show'];

export function eventDates(first: string, last: string): string {
  return first === last ? formatDate(first) : `${formatDate(first)} – ${formatDate(last)}`;
}

export function countryName(code: string): string {
  return code && has(`country.${code}`) ? t(`country.${code}`) : code;
}

/** "14.05.2026 10:30" for a stored slot "2026-05-14T10:30". */
export function slotText(slot: string | null): string {
  if (!slot) return t('event.meeting.no_slot');
  return `${formatDate(slot.slice(0, 10))} ${slot.slice(11, 16)}`;
}

/** The days from `first` to `last` (ISO), for choosing a meeting's day. */
export function daysOf(first: string, last: string): string[] {
  const out: string[] = [];
  const day = new Date(`${first}T12:00:00Z`);
  const end = new Date(`${last}T12:00:00Z`);
  while (day <= end && out.length < 60) {
    out.push(day.toISOString().slice(0, 10));
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return out;
}
