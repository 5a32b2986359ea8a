// How the eligibility checks read in the window: the same message keys as the printed report
// (crates/core/src/eligibility/report.rs), with numbers in the UI language.
import type { CriterionCheck } from '../../bindings/CriterionCheck';
import { has, t } from '../../i18n.svelte';
import { formatNumber } from '../../format';

const YES_NO = ['english_website', 'catalyst'];

export function criterionText(c: CriterionCheck): string {
  return t(`eligibility.criterion.${c.criterion}`, { required: formatNumber(c.required) });
}

export function valueText(c: CriterionCheck): string {
  if (c.value === null) return '—';
  if (YES_NO.includes(c.criterion)) return t(c.value > 0 ? 'eligibility.yes' : 'eligibility.no');
  return `${formatNumber(c.value)} / ${formatNumber(c.required)}`;
}

export function missingText(c: CriterionCheck): string {
  if (!c.missing) return '';
  const key = `eligibility.missing.${c.missing}`;
  if (!has(key)) return c.missing;
  return t(key, {
    value: c.value === null ? '—' : formatNumber(c.value),
    required: formatNumber(c.required),
    ...c.params,
  });
}
