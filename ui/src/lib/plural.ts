// Counted nouns. Romanian has three forms (CLDR): "1 cluster", "2 clustere" (0, 2–19, and any
// number whose last two digits are 01–19, e.g. 101), "20 de clustere" (20–100, 120, …). The catalogues hold
// `<base>.one`, `<base>.few` and `<base>.many`; English uses the same text for few and many.
import { formatInteger } from './format';
import { lang, t, type MessageKey } from './i18n.svelte';

/** The bases that have the three forms in the catalogues ('list.count' for 'list.count.one', …). */
export type PluralBase<K = MessageKey> = K extends `${infer B}.one` ? (`${B}.many` extends MessageKey ? B : never) : never;

export function pluralForm(count: number, language = lang()): 'one' | 'few' | 'many' {
  const n = Math.abs(Math.trunc(count));
  if (n === 1) return 'one';
  if (language === 'en') return 'few';
  const lastTwo = n % 100;
  return n === 0 || (lastTwo >= 1 && lastTwo <= 19) ? 'few' : 'many';
}

/** The message `<base>.<form>` for `count`, with `{count}` filled in the current number format. */
export function countText(base: PluralBase, count: number): string {
  return t(`${base}.${pluralForm(count)}`, { count: formatInteger(count) });
}
