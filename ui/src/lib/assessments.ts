// Display helpers for assessments: the framework's bilingual texts in the UI language, scores with
// one decimal, values and thresholds as people read them. The scores themselves come from Rust.
import type { Indicator } from './bindings/Indicator';
import type { Text } from './bindings/Text';
import type { Value } from './bindings/Value';
import { lang, t } from './i18n.svelte';
import { formatDecimal, formatInteger } from './format';

export function tx(text: Text): string {
  return lang() === 'ro' ? text.ro : text.en;
}

/** 62,5 / 62.5 — a score or a share with one decimal. */
export function score(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const text = formatDecimal(Math.round(value * 10) * 10);
  return text.slice(0, -1);
}

/** A number as typed back into a field: no thousands separator, the language's decimal mark. */
export function numberInput(value: number): string {
  const text = String(value);
  return lang() === 'ro' ? text.replace('.', ',') : text;
}

function plainNumber(value: number): string {
  if (Number.isInteger(value)) return formatInteger(value);
  return formatDecimal(Math.round(value * 100)).replace(/[,.]?0+$/, '');
}

function withUnit(indicator: Indicator, number: string): string {
  const unit = tx(indicator.unit);
  if (!unit) return number;
  return unit === '%' ? `${number} %` : `${number} ${unit}`;
}

export function valueText(indicator: Indicator, value: Value | null): string {
  if (!value) return '—';
  switch (value.kind) {
    case 'number':
      return withUnit(indicator, plainNumber(value.value));
    case 'yes_no':
      return t(value.value ? 'assessment.yes' : 'assessment.no');
    case 'choice': {
      const option = indicator.options.find((o) => o.code === value.value);
      return option ? tx(option.name) : value.value;
    }
  }
}

/** "≥ 15 · 30 · 60" (≤ when less is better), "Da", or the options reaching each threshold. */
export function thresholdsText(indicator: Indicator): string {
  if (indicator.kind === 'number') {
    const sign = indicator.direction === 'higher' ? '≥' : '≤';
    return withUnit(indicator, `${sign} ${indicator.thresholds.map(plainNumber).join(' · ')}`);
  }
  if (indicator.kind === 'yes_no') return t('assessment.yes');
  return indicator.thresholds
    .map((p) => indicator.options.find((o) => o.points >= p))
    .map((o) => (o ? tx(o.name) : '?'))
    .join(' · ');
}
