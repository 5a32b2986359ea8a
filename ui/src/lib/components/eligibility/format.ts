// How the eligibility checks read in the window: the same message keys as the printed report
// (crates/core/src/eligibility/report.rs), with numbers in the UI language.
import type { CriterionCheck } from '../../bindings/CriterionCheck';
import { formatDecimal, formatInteger, t } from '../../i18n.svelte';

/** A count as a whole number, FTE with its decimals ("0,5" in Romanian). */
export function eligibilityNumber(v: number): string {
  if (Number.isInteger(v)) return formatInteger(v);
  const text = formatDecimal(Math.round(v * 100));
  return text.endsWith('0') ? text.slice(0, -1) : text;
}

const YES_NO = ['english_website', 'catalyst'];

export function criterionText(c: CriterionCheck): string {
  return t(`eligibility.criterion.${c.criterion}`, { required: eligibilityNumber(c.required) });
}

export function valueText(c: CriterionCheck): string {
  if (c.value === null) return '—';
  if (YES_NO.includes(c.criterion)) return t(c.value > 0 ? 'eligibility.yes' : 'eligibility.no');
  return `${eligibilityNumber(c.value)} / ${eligibilityNumber(c.required)}`;
}

export function missingText(c: CriterionCheck): string {
  if (!c.missing) return '';
  return t(`eligibility.missing.${c.missing}`, {
    value: c.value === null ? '—' : eligibilityNumber(c.value),
    required: eligibilityNumber(c.required),
    ...c.params,
  });
}
