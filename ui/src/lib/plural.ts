// Counted nouns. Romanian has three forms (CLDR): "1 cluster", "2 clustere" (0, 2–19, and any
// number whose last two digits are 01–19, e.g. 101), "20 de clustere" (20–100, 120, …). The catalogues hold
// `<base>.one`, `<base>.few` and `<base>.many`; English uses the same text for few and many.
import { formatInteger, lang, t } from './i18n.svelte';

export function pluralForm(count: number, language = lang()): 'one' | 'few' | 'many' {
  const n = Math.abs(Math.trunc(count));
  if (n === 1) return 'one';
  if (language === 'en') return 'few';
  const lastTwo = n % 100;
  return n === 0 || (lastTwo >= 1 && lastTwo <= 19) ? 'few' : 'many';
}

/** The message `<base>.<form>` for `count`, with `{count}` filled in the current number format. */
export function countText(base: string, count: number): string {
  return t(`${base}.${pluralForm(count)}`, { count: formatInteger(count) });
}
