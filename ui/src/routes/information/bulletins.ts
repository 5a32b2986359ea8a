// A bulletin's form values (the chosen calls and regulations as the checkboxes' string ids, the
// roles and the days as typed) to and from the core's input, and a draft started from a funding call.
import type { Audience } from '../../lib/bindings/Audience';
import type { BulletinInput } from '../../lib/bindings/BulletinInput';
import type { FundingCall } from '../../lib/bindings/FundingCall';
import type { LabelLevel } from '../../lib/bindings/LabelLevel';
import type { MessageCounts } from '../../lib/bindings/MessageCounts';

export type BulletinValues = Omit<BulletinInput, 'events_days' | 'call_ids' | 'regulation_ids' | 'audience'> & {
  events_days: string;
  call_ids: string[];
  regulation_ids: string[];
  audience: Omit<Audience, 'roles'> & { roles: string };
};

const LEVELS: LabelLevel[] = ['bronze', 'silver', 'gold'];

export function bulletinValues(b: BulletinInput | null): BulletinValues {
  const input: BulletinInput = b ?? {
    title: '', subject_ro: '', subject_en: '', intro_ro: '', intro_en: '', closing_ro: '', closing_en: '',
    events_days: 30, call_ids: [], regulation_ids: [],
    audience: { sectors: [], regions: [], labels: [], statuses: [], roles: [] },
  };
  return {
    ...input,
    events_days: String(input.events_days),
    call_ids: input.call_ids.map(String),
    regulation_ids: input.regulation_ids.map(String),
    audience: { ...input.audience, roles: input.audience.roles.join(', ') },
  };
}

export function audienceOf(v: BulletinValues['audience']): Audience {
  return { ...v, roles: v.roles.split(/[,;]+/).map((r) => r.trim()).filter(Boolean) };
}

export function bulletinInput(v: BulletinValues): BulletinInput {
  return {
    ...v,
    events_days: Number(v.events_days.trim() || '0'),
    call_ids: v.call_ids.map(Number),
    regulation_ids: v.regulation_ids.map(Number),
    audience: audienceOf(v.audience),
  };
}

/** A draft for the clusters a call concerns: the call chosen, the audience narrowed by the call's
 *  regions, sectors and minimum label (the criteria an audience can express). */
export function draftForCall(call: FundingCall): BulletinInput {
  const start = bulletinValues(null);
  const from = call.min_label ? LEVELS.indexOf(call.min_label) : -1;
  return {
    ...bulletinInput(start),
    title: call.title_ro,
    subject_ro: call.title_ro,
    subject_en: call.title_en || call.title_ro,
    call_ids: [call.id],
    audience: {
      sectors: [...call.sectors], regions: [...call.regions], labels: from < 0 ? [] : LEVELS.slice(from),
      statuses: [], roles: [],
    },
  };
}

/** The share of the messages that are no longer waiting, in percent. */
export function doneShare(c: MessageCounts): number {
  return c.total === 0 ? 100 : Math.round((100 * (c.total - c.queued)) / c.total);
}
