import { afterEach, describe, expect, it } from 'vitest';
import ro from '../../../locales/ro.json';
import en from '../../../locales/en.json';
import { has, lang, setLang, t } from './i18n.svelte';
import { errorText } from './errors';
import { formatDate, formatDecimal, formatInteger, formatMoney, parseDecimal } from './format';
import { countText, pluralForm } from './plural';
import { fold } from './text';

afterEach(() => setLang('ro'));

describe('formats', () => {
  it('writes dates the Romanian and the English way', () => {
    setLang('ro');
    expect(formatDate('2026-11-27')).toBe('27.11.2026');
    expect(formatDate('2026-11-27T10:00:00Z')).toBe('27.11.2026');
    setLang('en');
    expect(formatDate('2026-11-27')).toBe('27/11/2026');
    expect(formatDate(null)).toBe('');
  });

  it('writes amounts with the right separators', () => {
    setLang('ro');
    expect(formatDecimal(123456)).toBe('1.234,56');
    expect(formatMoney(123456)).toBe('1.234,56 lei');
    expect(formatMoney(0)).toBe('0,00 lei');
    expect(formatInteger(1234567)).toBe('1.234.567');
    setLang('en');
    expect(formatDecimal(123456)).toBe('1,234.56');
    expect(formatDecimal(-5)).toBe('-0.05');
    expect(formatInteger(1234567)).toBe('1,234,567');
  });

  it('reads decimals as typed in the current language', () => {
    setLang('ro');
    expect(parseDecimal('1.234,5')).toBe(123450);
    setLang('en');
    expect(parseDecimal('1,234.5')).toBe(123450);
    expect(parseDecimal('abc')).toBeNull();
  });
});

describe('messages', () => {
  it('shows a key the current catalogue lacks as itself', () => {
    // @ts-expect-error: t() takes only keys of the catalogues; a wrong one fails svelte-check.
    expect(t('no.such.key')).toBe('no.such.key');
  });

  it('tells keys built from the core\'s text apart with has()', () => {
    expect(has('audit.entity.clusters')).toBe(true);
    expect(has('audit.entity.no_such_table')).toBe(false);
  });

  it('fills placeholders and follows the language', () => {
    setLang('ro');
    expect(lang()).toBe('ro');
    expect(t('list.range', { from: 1, to: 50, total: 42 })).toBe('1–50 din 42');
    setLang('en');
    expect(t('list.range', { from: 1, to: 50, total: 42 })).toBe('1–50 of 42');
    expect(document.documentElement.lang).toBe('en');
  });

  it('turns a command error into a sentence', () => {
    setLang('ro');
    expect(errorText({ code: 'error.cui_duplicate', params: { name: 'Transilvania Textile' }, fields: [] })).toBe(
      'Acest CUI aparține deja clusterului „Transilvania Textile”.',
    );
    expect(errorText('boom')).toContain('boom');
  });

  it('has the same keys in both catalogues, none empty', () => {
    const roKeys = Object.keys(ro).sort();
    const enKeys = Object.keys(en).sort();
    expect(roKeys).toEqual(enKeys);
    for (const catalogue of [ro, en] as Record<string, string>[]) {
      for (const [key, text] of Object.entries(catalogue)) {
        expect(text.trim(), key).not.toBe('');
      }
    }
  });

  it('uses the same placeholders in both languages', () => {
    const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const enCatalogue = en as Record<string, string>;
    for (const [key, text] of Object.entries(ro as Record<string, string>)) {
      expect(names(enCatalogue[key]), key).toEqual(names(text));
    }
  });

  it('writes Romanian with comma-below ș and ț', () => {
    for (const [key, text] of Object.entries(ro as Record<string, string>)) {
      expect(/[şţŞŢ]/.test(text), `${key} uses a cedilla letter`).toBe(false);
    }
  });
});

describe('plurals', () => {
  it('follows the Romanian forms', () => {
    expect(pluralForm(1, 'ro')).toBe('one');
    expect(pluralForm(0, 'ro')).toBe('few');
    expect(pluralForm(7, 'ro')).toBe('few');
    expect(pluralForm(19, 'ro')).toBe('few');
    expect(pluralForm(20, 'ro')).toBe('many');
    expect(pluralForm(42, 'ro')).toBe('many');
    expect(pluralForm(101, 'ro')).toBe('few');
    expect(pluralForm(42, 'en')).toBe('few');
  });

  it('counts clusters', () => {
    setLang('ro');
    expect(countText('list.count', 1)).toBe('1 cluster');
    expect(countText('list.count', 3)).toBe('3 clustere');
    expect(countText('list.count', 42)).toBe('42 de clustere');
    expect(countText('list.count', 1234)).toBe('1.234 de clustere');
    setLang('en');
    expect(countText('list.count', 42)).toBe('42 clusters');
    expect(countText('list.count', 1)).toBe('1 cluster');
  });
});

describe('fold', () => {
  it('ignores diacritics and case', () => {
    expect(fold('Brașov')).toBe('brasov');
    expect(fold('Constanţa')).toBe('constanta');
    expect(fold('ÎNVĂȚĂMÂNT')).toBe('invatamant');
  });
});

describe('parseDate', () => {
  it('reads day-first dates in both languages and ISO, and keeps anything else as typed', async () => {
    const { parseDate } = await import('./format');
    expect(parseDate('27.11.2026')).toBe('2026-11-27');
    expect(parseDate('27/11/2026')).toBe('2026-11-27');
    expect(parseDate('1-2-2026')).toBe('2026-02-01');
    expect(parseDate('2026-11-27')).toBe('2026-11-27');
    expect(parseDate('31.02.2026')).toBe('31.02.2026');
    expect(parseDate('ieri')).toBe('ieri');
    expect(parseDate('  ')).toBeNull();
  });
});

describe('error messages', () => {
  it('show the dates the core sends in the language order', async () => {
    const { fieldErrorText } = await import('./errors');
    setLang('ro');
    expect(fieldErrorText('date_before', { other: '2026-11-27' })).toContain('27.11.2026');
    setLang('en');
    expect(fieldErrorText('date_before', { other: '2026-11-27' })).toContain('27/11/2026');
    setLang('ro');
  });

  it('show the numbers the core sends in the language way, and years as they are', async () => {
    const { fieldErrorText } = await import('./errors');
    setLang('ro');
    expect(fieldErrorText('number_range', { min: '0.5', max: '100000000' })).toBe('Introduceți un număr între 0,5 și 100.000.000.');
    expect(fieldErrorText('year_range', { min: '1990', max: '2026' })).toContain('între 1990 și 2026');
    setLang('en');
    expect(fieldErrorText('number_range', { min: '0.5', max: '100000000' })).toBe('Enter a number between 0.5 and 100,000,000.');
    setLang('ro');
  });
});
