// What the Services area's pages share: their sections, the cluster search of their forms, the
// staff member's name as a default, and amounts (minor units) and BNR rates (ten-thousandths)
// written and read the language's way.
import { api } from '../../lib/api';
import { appState } from '../../lib/appState.svelte';
import type { Amount } from '../../lib/bindings/Amount';
import type { ClusterRow } from '../../lib/bindings/ClusterRow';
import { allClusters } from '../../lib/clusterList.svelte';
import { formatDecimal, parseDecimal } from '../../lib/format';
import type { ControlAttrs } from '../../lib/forms';
import { lang, type MessageKey } from '../../lib/i18n.svelte';

export const SECTIONS: { id: string; path: string; key: MessageKey }[] = [
  { id: 'requests', path: '/services', key: 'services.section.requests' },
  { id: 'projects', path: '/services/projects', key: 'services.section.projects' },
  { id: 'consultations', path: '/services/consultations', key: 'services.section.consultations' },
  { id: 'introductions', path: '/services/introductions', key: 'services.section.introductions' },
];

/** Member clusters whose name has the words (a Combobox's search). */
export async function findClusters(words: string): Promise<ClusterRow[]> {
  return (await api.listClusters({ ...allClusters(20), search: words })).rows;
}

/** The staff member the window writes as. */
export function staffName(): string {
  return appState.status?.staff_name ?? appState.status?.staff_default ?? '';
}

/** Minor units as 1.234,56 (empty for none). */
export function moneyText(minor: number | null | undefined): string {
  return minor === null || minor === undefined ? '' : formatDecimal(minor);
}

/** Typed money into minor units: null when it is not a number; empty is 0. */
export function parseMoney(text: string): number | null {
  return text.trim() === '' ? 0 : parseDecimal(text);
}

/** An amount in both currencies: "1.234,56 EUR · 6.140,00 RON" (the other one only with a rate). */
export function amountText(a: Amount): string {
  return [a.eur === null ? '' : `${formatDecimal(a.eur)} EUR`, a.ron === null ? '' : `${formatDecimal(a.ron)} RON`]
    .filter(Boolean)
    .join(' · ');
}

const decimalMark = () => (lang() === 'ro' ? ',' : '.');

/** A BNR rate in ten-thousandths as 4,9763. */
export function rateText(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '';
  return `${Math.trunc(rate / 10000)}${decimalMark()}${String(rate % 10000).padStart(4, '0')}`;
}

/** A typed rate (4,9763) into ten-thousandths; empty is null; undefined when it is not a rate. */
export function parseRate(text: string): number | null | undefined {
  const s = text.trim().replace(decimalMark(), '.');
  if (s === '') return null;
  if (!/^\d+(\.\d{1,4})?$/.test(s)) return undefined;
  return Math.round(Number(s) * 10000);
}

/** The attributes of a control on a line of a list (LineList), whose refusals show for the list. */
export function lineAttrs(id: string, list: string): ControlAttrs {
  return { id, name: list, 'data-testid': id, 'aria-invalid': undefined, 'aria-describedby': undefined, 'aria-required': undefined };
}

/** A partner abroad as the Services pages name it: its name, then its country. */
export function partnerText(p: { name: string; country: string | null }): string {
  return p.country ? `${p.name} (${p.country})` : p.name;
}
