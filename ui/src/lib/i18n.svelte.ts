// The UI's translation layer. The catalogues are the files the Rust core reads too (locales/),
// and the formats below match clusterdesk_core::i18n, so a figure reads the same in the window,
// the CLI and every PDF or export.
import ro from '../../../locales/ro.json';
import en from '../../../locales/en.json';
import type { Lang } from './bindings/Lang';
import type { UserError } from './bindings/UserError';

const catalogues: Record<Lang, Record<string, string>> = { ro, en };

let current = $state<Lang>('ro');

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  current = next;
  document.documentElement.lang = next;
}

/** The message for `key` in the current language, `{name}` placeholders filled. A missing key
 *  shows itself, so that a gap is visible rather than blank. */
export function t(key: string, params: Record<string, string | number> = {}): string {
  let text = catalogues[current][key] ?? key;
  for (const [name, value] of Object.entries(params)) {
    text = text.replaceAll(`{${name}}`, String(value));
  }
  return text;
}

/** Whether the catalogue has `key` (for optional, per-value messages). */
export function has(key: string): boolean {
  return key in catalogues[current];
}

function groupThousands(value: number, separator: string): string {
  const digits = String(Math.trunc(Math.abs(value)));
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += separator;
    out += digits[i];
  }
  return out;
}

/** 1.234.567 in Romanian, 1,234,567 in English. */
export function formatInteger(value: number): string {
  const sign = value < 0 ? '-' : '';
  return sign + groupThousands(value, current === 'ro' ? '.' : ',');
}

/** Hundredths as a decimal: 1.234,56 in Romanian, 1,234.56 in English. */
export function formatDecimal(hundredths: number): string {
  const [group, decimal] = current === 'ro' ? ['.', ','] : [',', '.'];
  const sign = hundredths < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(hundredths));
  return `${sign}${groupThousands(Math.floor(abs / 100), group)}${decimal}${String(abs % 100).padStart(2, '0')}`;
}

/** An amount of bani as lei. */
export function formatMoney(bani: number): string {
  return `${formatDecimal(bani)} lei`;
}

/** An ISO date (YYYY-MM-DD, or a timestamp starting with one) as 27.11.2026 / 27/11/2026. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  return current === 'ro' ? `${d}.${mo}.${y}` : `${d}/${mo}/${y}`;
}

/** Reads a date as people type it — 27.11.2026, 27/11/2026, 27-11-2026 (day first, as in both
 *  languages) or ISO — into ISO 'YYYY-MM-DD'. Text that is not a real date comes back unchanged,
 *  so that the core refuses it at its field and the user still sees what they typed; empty is null. */
export function parseDate(text: string): string | null {
  const s = text.trim();
  if (!s) return null;
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (match) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    match = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(s);
    if (!match) return s;
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return s;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Reads what people type as a decimal in the current language ("1.234,5" or "1,234.5") into
 *  hundredths; null when it is not a number. */
export function parseDecimal(text: string): number | null {
  const [group, decimal] = current === 'ro' ? ['.', ','] : [',', '.'];
  const cleaned = text.trim().replaceAll(' ', '').replaceAll(group, '').replace(decimal, '.');
  if (!/^-?\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  return Math.round(Number(cleaned) * 100);
}

export function isUserError(e: unknown): e is UserError {
  return typeof e === 'object' && e !== null && 'code' in e && 'fields' in e;
}

/** The sentence for an error a command returned (or anything else thrown). */
export function errorText(e: unknown): string {
  if (isUserError(e)) return t(e.code, localParams(e.params));
  return t('error.unexpected', { detail: String(e) });
}

/** The message for one refused field. */
export function fieldErrorText(code: string, params: Record<string, string> = {}): string {
  return t(`error.${code}`, localParams(params));
}

/** A number the core sent as plain text (100000000, 0.5) written the language's way (100.000.000,
 * 0,5). Integers of four digits or fewer are left alone: in messages they are mostly years. */
function localNumber(value: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) return value;
  const [, sign, whole, fraction] = match;
  if (fraction === undefined && whole.length <= 4) return value;
  const [group, decimal] = current === 'ro' ? ['.', ','] : [',', '.'];
  return sign + groupThousands(Number(whole), group) + (fraction === undefined ? '' : decimal + fraction);
}

/** The core sends dates and numbers in messages as ISO / plain text; people read them in their
 * language's way. */
function localParams(params: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    out[name] = /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value) : localNumber(value);
  }
  return out;
}
