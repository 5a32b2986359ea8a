// Introductions and suggestions in the window: why a suggestion was made, in words, and the
// introduction form's values.
import type { Introduction } from '../../lib/bindings/Introduction';
import type { IntroductionInput } from '../../lib/bindings/IntroductionInput';
import type { IntroductionOutcome } from '../../lib/bindings/IntroductionOutcome';
import type { Party } from '../../lib/bindings/Party';
import type { Reason } from '../../lib/bindings/Reason';
import type { Suggestion } from '../../lib/bindings/Suggestion';
import { today } from '../../lib/clock';
import { has, t } from '../../lib/i18n.svelte';
import { staffName } from '../services/services';

export const OUTCOMES: IntroductionOutcome[] = ['pending', 'met', 'joint_project', 'nothing'];

/** A code the core sent (a sector, a region, a value chain) in words; itself when unknown. */
function named(prefix: string, code: string | undefined): string {
  const key = `${prefix}.${code ?? ''}`;
  return has(key) ? t(key) : (code ?? '');
}

/** Why a suggestion was made, as a sentence. */
export function reasonText(r: Reason): string {
  const p = r.params;
  switch (r.code) {
    case 'complementary_caen':
      return t('network.reason.complementary_caen', { chain: named('network.chain', p.chain), ours: p.ours ?? '', theirs: p.theirs ?? '' });
    case 'same_sector':
      return t('network.reason.same_sector', { sector: named('sector', p.sector) });
    case 'complementary_sectors':
      return t('network.reason.complementary_sectors', { sector: named('sector', p.sector), theirs: named('sector', p.theirs) });
    case 'same_region':
      return t('network.reason.same_region', { region: named('region', p.region) });
    case 'neighbouring_region':
      return t('network.reason.neighbouring_region', { region: named('region', p.region) });
    case 'partner_network':
      return t('network.reason.partner_network', { network: p.network ?? '', country: p.country ?? '', sector: named('sector', p.sector) });
  }
}

/** One side of an introduction: "Cluster X — Firma Y (Ana Pop)", a partner with its country. */
export function partyText(p: Party): string {
  const who = [p.organisation, p.person ? `(${p.person})` : null].filter(Boolean).join(' ');
  const name = p.kind === 'partner' && p.country ? `${p.name} (${p.country})` : p.name;
  return who ? `${name} — ${who}` : name;
}

/** A new introduction of `clusterId` (when known) to a suggestion (when it came from one). */
export function introductionValues(clusterId: number | null, to: Suggestion | null = null): IntroductionInput {
  return {
    a_cluster_id: clusterId ?? 0,
    a_organisation_id: null,
    a_contact_id: null,
    b_cluster_id: to?.kind === 'partner' ? null : (to?.cluster_id ?? null),
    b_organisation_id: to?.kind === 'organisation' ? to.id : null,
    b_contact_id: null,
    b_partner_id: to?.kind === 'partner' ? to.id : null,
    introduced_on: today(),
    introduced_by: staffName(),
    reason: to ? to.reasons.map(reasonText).join('; ') : '',
    outcome: 'pending',
    outcome_on: null,
    project_id: null,
    notes: '',
  };
}

/** An introduction's record as the core takes it back (its outcome changed). */
export function introductionInput(i: Introduction): IntroductionInput {
  const { id: _id, a: _a, b: _b, project: _p, ...input } = i;
  return input;
}
