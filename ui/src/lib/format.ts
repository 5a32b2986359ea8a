// How the window writes and reads dates and numbers, per language: 27.11.2026 and 1.234,56 in
// Romanian, 27/11/2026 and 1,234.56 in English. They match clusterdesk_core::i18n, so a figure
// reads the same in the window, the CLI and every PDF or export.
import { lang, t } from './i18n.svelte';

function separators(): { group: string; decimal: string } {
  return lang() === 'ro' ? { group: '.', decimal: ',' } : { group: ',', decimal: '.' };
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
  return sign + groupThousands(value, separators().group);
}

/** Hundredths as a decimal: 1.234,56 in Romanian, 1,234.56 in English. */
export function formatDecimal(hundredths: number): string {
  const { group, decimal } = separators();
  const sign = hundredths < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(hundredths));
  return `${sign}${groupThousands(Math.floor(abs / 100), group)}${decimal}${String(abs % 100).padStart(2, '0')}`;
}

/** A number as short as it reads: 8, 7,5, 0,25 (at most two decimals). */
export function formatNumber(value: number): string {
  const hundredths = Math.round(value * 100);
  if (hundredths % 100 === 0) return formatInteger(hundredths / 100);
  const text = formatDecimal(hundredths);
  return text.endsWith('0') ? text.slice(0, -1) : text;
}

/** An amount of bani as lei. */
export function formatMoney(bani: number): string {
  return `${formatDecimal(bani)} lei`;
}

/** A number the core sent as plain text (100000000, 0.5) written the language's way (100.000.000,
 *  0,5). Integers of four digits or fewer are left alone: in messages they are mostly years. */
export function formatNumberText(value: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) return value;
  const [, sign, whole, fraction] = match;
  if (fraction === undefined && whole.length <= 4) return value;
  const { group, decimal } = separators();
  return sign + groupThousands(Number(whole), group) + (fraction === undefined ? '' : decimal + fraction);
}

/** An ISO date (YYYY-MM-DD, or a timestamp starting with one) as 27.11.2026 / 27/11/2026. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  return lang() === 'ro' ? `${d}.${mo}.${y}` : `${d}/${mo}/${y}`;
}

/** 27.11.2026, or 27–28.11.2026 / 30.11–01.12.2026 / 30.12.2026–02.01.2027 for several days. */
export function formatDateRange(first: string, last: string): string {
  if (!first) return '';
  if (!last || last === first) return formatDate(first);
  const a = formatDate(first);
  const b = formatDate(last);
  const sep = lang() === 'ro' ? '.' : '/';
  const [ay, am] = first.split('-');
  const [by, bm] = last.split('-');
  if (ay === by && am === bm) return `${a.split(sep)[0]}–${b}`;
  if (ay === by) return `${a.split(sep).slice(0, 2).join(sep)}–${b}`;
  return `${a}–${b}`;
}

/** "14.05.2026 10:30" for a stored slot "2026-05-14T10:30" (or a stamp starting with one). */
export function formatSlot(slot: string): string {
  return `${formatDate(slot.slice(0, 10))} ${slot.slice(11, 16)}`;
}

type MonthNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12;

/** "noiembrie 2026" / "November 2026" (month 1–12). */
export function formatMonth(year: number, month: number): string {
  return `${t(`training.month.${month as MonthNumber}`)} ${year}`;
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
  const { group, decimal } = separators();
  const cleaned = text.trim().replaceAll(' ', '').replaceAll(group, '').replace(decimal, '.');
  if (!/^-?\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  return Math.round(Number(cleaned) * 100);
}
