// A joint project in the window: its closed lists (in the order the forms and filters offer
// them), and the form's values — amounts and the BNR rate as typed — to and from the core's types.
import type { Currency } from '../../lib/bindings/Currency';
import type { MilestoneInput } from '../../lib/bindings/MilestoneInput';
import type { MilestoneKind } from '../../lib/bindings/MilestoneKind';
import type { Programme } from '../../lib/bindings/Programme';
import type { Project } from '../../lib/bindings/Project';
import type { ProjectInput } from '../../lib/bindings/ProjectInput';
import type { ProjectRole } from '../../lib/bindings/ProjectRole';
import type { ProjectStatus } from '../../lib/bindings/ProjectStatus';
import { moneyText, parseMoney, parseRate, rateText } from '../services/services';
import { t } from '../../lib/i18n.svelte';
import { today } from '../../lib/clock';

export const PROGRAMMES: Programme[] = ['interreg', 'horizon_europe', 'single_market', 'cosme', 'national', 'other'];
export const PROJECT_STATUSES: ProjectStatus[] = ['idea', 'submitted', 'funded', 'rejected', 'running', 'closed'];
export const ROLES: ProjectRole[] = ['lead', 'partner', 'associate'];
export const CURRENCIES: Currency[] = ['eur', 'ron'];
export const MILESTONE_KINDS: MilestoneKind[] = ['milestone', 'deliverable'];

/** A partner of the project as the form holds it (the share as typed). */
export type PartnerLine = { partner_id: number | null; role: ProjectRole; share: string };
/** A member cluster involved, with its name for the line. */
export type ClusterLine = { cluster_id: number; name: string; share: string };

/** What the project form edits: the amounts and the rate as typed. */
export type ProjectValues = Omit<ProjectInput, 'budget_total' | 'own_share' | 'eur_rate' | 'partners' | 'clusters'> & {
  budget_total: string;
  own_share: string;
  eur_rate: string;
  partners: PartnerLine[];
  clusters: ClusterLine[];
};

export function projectValues(p: Project | null): ProjectValues {
  if (!p) {
    return {
      acronym: '', title: '', programme: 'horizon_europe', call: '', role: 'partner', status: 'idea',
      submitted_on: null, starts_on: null, ends_on: null, currency: 'eur', budget_total: '', own_share: '',
      eur_rate: '', rate_on: null, description: '', partners: [], clusters: [], milestones: [],
    };
  }
  const { id: _id, budget: _b, own_share_money: _o, unallocated: _u, partner_rows, cluster_rows, next_statuses: _n, ...rest } = p;
  return {
    ...rest,
    budget_total: moneyText(p.budget_total),
    own_share: moneyText(p.own_share),
    eur_rate: rateText(p.eur_rate),
    partners: partner_rows.map((x) => ({ partner_id: x.partner_id, role: x.role, share: moneyText(x.share) })),
    clusters: cluster_rows.map((x) => ({ cluster_id: x.cluster_id, name: x.name, share: moneyText(x.share) })),
    milestones: p.milestones.map((m) => ({ ...m })),
  };
}

export function blankMilestone(): MilestoneInput {
  return { id: null, kind: 'milestone', title: '', due_on: today(), done_on: null };
}

/** The form's early checks: amounts and the rate that are not numbers (the core checks the rest). */
export function checkProject(v: ProjectValues): Record<string, string | null> {
  const notNumber = t('project.not_a_number');
  const shares = [...v.partners.map((p) => p.share), ...v.clusters.map((c) => c.share)];
  return {
    budget_total: parseMoney(v.budget_total) === null ? notNumber : null,
    own_share: parseMoney(v.own_share) === null ? notNumber : null,
    eur_rate: parseRate(v.eur_rate) === undefined ? t('project.rate_format') : null,
    partners: v.partners.some((p) => p.partner_id === null) ? t('project.choose_partner') : null,
    clusters: shares.some((s) => parseMoney(s) === null) ? notNumber : null,
  };
}

/** The values for the core (after `checkProject` found nothing). */
export function projectInput(v: ProjectValues): ProjectInput {
  return {
    ...v,
    budget_total: parseMoney(v.budget_total) ?? 0,
    own_share: parseMoney(v.own_share) ?? 0,
    eur_rate: parseRate(v.eur_rate) ?? null,
    partners: v.partners.map((p) => ({ partner_id: p.partner_id ?? 0, role: p.role, share: parseMoney(p.share) ?? 0 })),
    clusters: v.clusters.map((c) => ({ cluster_id: c.cluster_id, share: parseMoney(c.share) ?? 0 })),
  };
}
