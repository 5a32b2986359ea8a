import { afterEach, describe, expect, it } from 'vitest';
import { numberInput, score, thresholdsText, valueText } from './assessments';
import type { Indicator } from './bindings/Indicator';
import { setLang } from './i18n.svelte';

afterEach(() => setLang('ro'));

const text = (ro: string, en = ro) => ({ ro, en });
const base: Indicator = {
  code: 'B3.2',
  part: 'benchmarking',
  area: 'financing',
  name: text('Ponderea finanțării publice', 'Share of public funding'),
  unit: text('%'),
  measured: text(''),
  kind: 'number',
  options: [],
  min: 0,
  max: 100,
  weight: 1.5,
  thresholds: [80, 65, 50, 35],
  direction: 'lower',
};
const choice: Indicator = {
  ...base,
  code: 'B2.6',
  kind: 'choice',
  direction: 'higher',
  unit: text(''),
  options: [
    { code: 'none', name: text('Nu există', 'None'), points: 0 },
    { code: 'draft', name: text('În lucru', 'In preparation'), points: 1 },
    { code: 'adopted', name: text('Adoptată', 'Adopted'), points: 2 },
  ],
  thresholds: [1, 2],
};

describe('assessment display', () => {
  it('writes scores with one decimal in the language', () => {
    expect(score(62.45)).toBe('62,5');
    expect(score(null)).toBe('—');
    setLang('en');
    expect(score(1234.5)).toBe('1,234.5');
  });

  it('writes thresholds with their direction and values with their unit', () => {
    expect(thresholdsText(base)).toBe('≤ 80 · 65 · 50 · 35 %');
    expect(valueText(base, { kind: 'number', value: 42.5 })).toBe('42,5 %');
    expect(valueText(base, null)).toBe('—');
    expect(thresholdsText(choice)).toBe('În lucru · Adoptată');
    expect(valueText(choice, { kind: 'choice', value: 'adopted' })).toBe('Adoptată');
    expect(valueText({ ...base, kind: 'yes_no' }, { kind: 'yes_no', value: true })).toBe('Da');
    setLang('en');
    expect(valueText(choice, { kind: 'choice', value: 'none' })).toBe('None');
  });

  it('gives numbers back for editing in the language', () => {
    expect(numberInput(0.5)).toBe('0,5');
    setLang('en');
    expect(numberInput(0.5)).toBe('0.5');
  });
});
