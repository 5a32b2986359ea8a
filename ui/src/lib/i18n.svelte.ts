// The UI's translation layer. The catalogues are the files the Rust core reads too (locales/).
// `t()` takes only keys the Romanian catalogue has (a core test keeps the English one in step), so
// a misspelt key fails `svelte-check`. A key built from a closed list of the bindings
// (`t(\`sector.${s}\`)` with `s: Sector`) is checked the same way; a key built from text the core
// sends (an audit entity, a field name) is asked with `has()` first, which narrows it.
// Dates and numbers are written by lib/format.ts, errors by lib/errors.ts.
import ro from '../../../locales/ro.json';
import en from '../../../locales/en.json';
import type { Lang } from './bindings/Lang';

/** Every message key of the catalogues. */
export type MessageKey = keyof typeof ro;

const catalogues: Record<Lang, Record<string, string>> = { ro, en };

let current = $state<Lang>('ro');

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  current = next;
  document.documentElement.lang = next;
}

/** The message for `key` in the current language, `{name}` placeholders filled. A key missing
 *  from the current catalogue shows itself, so that a gap is visible rather than blank. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  let text = catalogues[current][key] ?? key;
  for (const [name, value] of Object.entries(params)) {
    text = text.replaceAll(`{${name}}`, String(value));
  }
  return text;
}

/** Whether the catalogue has `key`: for keys built from text the core sends. */
export function has(key: string): key is MessageKey {
  return key in catalogues[current];
}
