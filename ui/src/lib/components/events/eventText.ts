// Small text helpers the event screens share: kinds in the list's order, country names from the
// catalogue (the code when it has none), slots as people read them.
import type { EventKind } from '../../bindings/EventKind';
import type { MeetingOutcome } from '../../bindings/MeetingOutcome';
import type { MeetingStatus } from '../../bindings/MeetingStatus';
import type { RegistrationState } from '../../bindings/RegistrationState';
import { has, t } from '../../i18n.svelte';
import { formatSlot } from '../../format';

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

export function countryName(code: string): string {
  const key = `country.${code}`;
  return code && has(key) ? t(key) : code;
}

/** "14.05.2026 10:30" for a stored slot "2026-05-14T10:30". */
export function slotText(slot: string | null): string {
  if (!slot) return t('event.meeting.no_slot');
  return formatSlot(slot);
}
