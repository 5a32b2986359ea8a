// The Information area (funding calls, regulations): its sections, the closed lists its forms and
// filters offer, and a call's form values — the budget and the co-financing rate as typed, CAEN
// codes as typed lists per revision — to and from the core's types.
import type { Applicant } from '../../lib/bindings/Applicant';
import type { CallState } from '../../lib/bindings/CallState';
import type { CaenCode } from '../../lib/bindings/CaenCode';
import type { Currency } from '../../lib/bindings/Currency';
import type { FundingCall } from '../../lib/bindings/FundingCall';
import type { FundingCallInput } from '../../lib/bindings/FundingCallInput';
import type { FundingCallRow } from '../../lib/bindings/FundingCallRow';
import type { RegulationSource } from '../../lib/bindings/RegulationSource';
import { formatDate, formatDecimal, parseDecimal } from '../../lib/format';
import { lang, t, type MessageKey } from '../../lib/i18n.svelte';
import { moneyText, parseMoney } from '../services/services';

export const SECTIONS: { id: string; path: string; key: MessageKey }[] = [
  { id: 'calls', path: '/calls', key: 'information.section.calls' },
  { id: 'regulations', path: '/regulations', key: 'information.section.regulations' },
  { id: 'bulletins', path: '/bulletins', key: 'information.section.bulletins' },
];

export const APPLICANTS: Applicant[] = ['cluster', 'micro', 'small', 'medium', 'large', 'research', 'public_authority', 'other'];
export const CALL_STATES: CallState[] = ['open', 'closing', 'upcoming', 'closed'];
export const CURRENCIES: Currency[] = ['ron', 'eur'];
export const SOURCES: RegulationSource[] = ['monitorul_oficial', 'government', 'ministry', 'eu', 'other'];

export function applicantText(a: Applicant): string {
  return a === 'cluster' ? t('call.applicant.cluster') : t(`org_kind.${a}`);
}

/** The title in the window's language (the Romanian one when there is no English title). */
export function titleOf(r: { title_ro: string; title_en: string }): string {
  return lang() === 'en' && r.title_en ? r.title_en : r.title_ro;
}

/** "01.05.2026 – 30.09.2026", or "… – until the budget is spent". */
export function periodText(c: Pick<FundingCallRow, 'opens_on' | 'closes_on'>): string {
  return `${formatDate(c.opens_on) || '…'} – ${c.closes_on ? formatDate(c.closes_on) : t('call.until_spent')}`;
}

export function budgetText(c: Pick<FundingCallRow, 'budget' | 'currency'>): string {
  return c.budget === null ? '' : `${formatDecimal(c.budget)} ${c.currency.toUpperCase()}`;
}

/** What the call form edits: amounts, the rate and the codes as typed. */
export type CallValues = Omit<FundingCallInput, 'budget' | 'cofinancing_bp' | 'caen'> & {
  budget: string;
  cofinancing: string;
  caen: string;
  caen_rev2: string;
};

function codesText(codes: CaenCode[], revision: CaenCode['revision']): string {
  return codes.filter((c) => c.revision === revision).map((c) => c.code).join(', ');
}

function codesOf(text: string, revision: CaenCode['revision']): CaenCode[] {
  return text.split(/[,;\s]+/).map((c) => c.trim()).filter(Boolean).map((code) => ({ revision, code }));
}

export function callValues(c: FundingCall | null): CallValues {
  if (!c) {
    return {
      title_ro: '', title_en: '', programme: '', funder: '', reference: '', link: '', opens_on: null, closes_on: null,
      budget: '', currency: 'ron', cofinancing: '', applicants: [], regions: [], sectors: [], caen: '', caen_rev2: '',
      min_label: null, requires_national: false, requires_eccp: false, notes: '',
    };
  }
  const { id: _id, state: _s, created_at: _c, updated_at: _u, budget, cofinancing_bp, caen, ...rest } = c;
  return {
    ...rest,
    applicants: [...c.applicants],
    regions: [...c.regions],
    sectors: [...c.sectors],
    budget: moneyText(budget),
    cofinancing: cofinancing_bp === null ? '' : formatDecimal(cofinancing_bp),
    caen: codesText(caen, 'rev3'),
    caen_rev2: codesText(caen, 'rev2'),
  };
}

/** The percentage typed, in hundredths (null for empty, undefined when it is not a number). */
function percentOf(text: string): number | null | undefined {
  if (text.trim() === '') return null;
  const v = parseDecimal(text);
  return v === null ? undefined : v;
}

/** The form's early checks: amounts that are not numbers (the core checks the ranges and the rest). */
export function checkCall(v: CallValues): Record<string, string | null> {
  return {
    budget: parseMoney(v.budget) === null ? t('project.not_a_number') : null,
    cofinancing: percentOf(v.cofinancing) === undefined ? t('call.percent_format') : null,
  };
}

export function callInput(v: CallValues): FundingCallInput {
  const { cofinancing, caen_rev2, ...rest } = v;
  return {
    ...rest,
    budget: v.budget.trim() === '' ? null : parseMoney(v.budget),
    cofinancing_bp: percentOf(cofinancing) ?? null,
    caen: [...codesOf(v.caen, 'rev3'), ...codesOf(caen_rev2, 'rev2')],
  };
}
