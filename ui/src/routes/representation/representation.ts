// A consultation in the window: its closed lists, and the form's values to and from the core's.
import type { Body } from '../../lib/bindings/Body';
import type { Consultation } from '../../lib/bindings/Consultation';
import type { ConsultationInput } from '../../lib/bindings/ConsultationInput';
import type { ConsultedMemberInput } from '../../lib/bindings/ConsultedMemberInput';
import type { PositionOutcome } from '../../lib/bindings/PositionOutcome';
import { today } from '../../lib/clock';
import { staffName } from '../services/services';

export const BODIES: Body[] = ['government', 'ministry', 'parliament', 'european_commission', 'managing_authority', 'other'];
export const OUTCOMES: PositionOutcome[] = ['pending', 'adopted', 'partly_adopted', 'not_adopted', 'no_answer'];

/** A member consulted, with its cluster's name for the line. */
export type MemberLine = ConsultedMemberInput & { cluster_name: string };
export type ConsultationValues = Omit<ConsultationInput, 'members'> & { members: MemberLine[] };

export function consultationValues(c: Consultation | null): ConsultationValues {
  if (!c) {
    return {
      body: 'ministry', body_name: '', title: '', opened_on: today(), deadline_on: null, owner: staffName(),
      position_sent_on: null, position_path: '', outcome: 'pending', outcome_notes: '', members: [],
    };
  }
  const { id: _id, member_rows, members: _m, ...rest } = c;
  return { ...rest, members: member_rows.map((m) => ({ ...m, person_name: m.person, cluster_name: m.cluster_name })) };
}

export function consultationInput(v: ConsultationValues): ConsultationInput {
  return {
    ...v,
    members: v.members.map((m) => ({
      cluster_id: m.cluster_id,
      contact_id: m.contact_id,
      person_name: m.person_name,
      asked_on: m.asked_on,
      answered_on: m.answered_on,
      response: m.response,
    })),
  };
}
