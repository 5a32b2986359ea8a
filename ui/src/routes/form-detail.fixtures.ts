// Shared fixtures for the cluster form and detail component tests (the Tauri boundary is mocked
// there; the real path is covered by tests/e2e/specs/clusters.test.mjs).
import type { CaenClass } from '../lib/bindings/CaenClass';
import type { CaenRevision } from '../lib/bindings/CaenRevision';
import type { ClusterDetail } from '../lib/bindings/ClusterDetail';
import type { ReferenceData } from '../lib/bindings/ReferenceData';
import type { UserError } from '../lib/bindings/UserError';

export const reference: ReferenceData = {
  counties: [
    { code: 'BV', name: 'Brașov', region: 'centru' },
    { code: 'CJ', name: 'Cluj', region: 'nord_vest' },
    { code: 'B', name: 'București', region: 'bucuresti_ilfov' },
  ],
  regions: ['centru', 'nord_vest', 'bucuresti_ilfov'],
  sectors: ['textiles', 'automotive', 'health'],
  org_kinds: ['micro', 'small', 'medium', 'large', 'research', 'public_authority', 'other'],
  statuses: ['active', 'suspended', 'left'],
  label_levels: ['bronze', 'silver', 'gold'],
  first_year: 1990,
};

/** A CAEN class of section C (manufacturing), as the core describes it. */
export function manufacturing(revision: CaenRevision, code: string, title_ro: string, title_en: string): CaenClass {
  return { revision, code, title_ro, title_en, section: 'C', section_title_ro: 'Industria prelucrătoare', section_title_en: 'Manufacturing' };
}

/** The classes the fixtures use: 1392 of CAEN Rev. 2 and what it became in Rev. 3. */
export const TEXTILES_REV2 = manufacturing('rev2', '1392', 'Fabricarea de articole confecționate din textile', 'Manufacture of made-up textile articles');
export const TEXTILES_REV3 = [
  manufacturing('rev3', '1392', 'Fabricarea de articole de uz casnic din textile', 'Manufacture of household textiles'),
  manufacturing('rev3', '1393', 'Fabricarea de covoare și mochete', 'Manufacture of carpets and rugs'),
];

/** `counts('kind', { micro: 2 })` → `[{ kind: 'micro', count: 2 }]`: the core's per-kind counts. */
export function counts<K extends string, V extends string>(key: K, entries: Record<V, number>): (Record<K, V> & { count: number })[] {
  return Object.entries(entries).map(([value, count]) => ({ [key]: value, count }) as Record<K, V> & { count: number });
}

export function userError(fields: UserError['fields'], code = 'error.invalid', params: Record<string, string> = {}): UserError {
  return { code, params, fields };
}

export function clusterDetail(overrides: Partial<ClusterDetail> = {}): ClusterDetail {
  return {
    id: 7,
    record: {
      name: 'Clusterul Inovativ Textil Ș.A. Brașov',
      legal_name: 'Asociația Clusterul Inovativ Textil',
      cui: '18547290',
      reg_number: '12/2015',
      address: 'Str. Lungă 10',
      city: 'Brașov',
      county: 'BV',
      website: 'https://www.textil-brasov.ro',
      email: 'office@textil-brasov.ro',
      phone: '0268 400 100',
      postal_address: '',
      website_english: true,
      management_fte: 1.5,
      founded_year: 2012,
      joined_year: 2014,
      status: 'active',
      status_since: '2014-03-01',
      sectors: ['textiles'],
      caen: [{ revision: 'rev2', code: '1392' }],
      notes: '',
    },
    county_name: 'Brașov',
    region: 'centru',
    caen: [
      { class: TEXTILES_REV2, rev3_successors: TEXTILES_REV3 },
    ],
    archived_at: null,
    created_at: '2026-01-10T09:00:00Z',
    updated_at: '2026-02-01T09:00:00Z',
    current_label: 'silver',
    labels: [
      { id: 1, level: 'silver', awarded_on: '2025-05-01', valid_until: '2027-05-01', certificate_ref: 'ESCA-123', current: true },
    ],
    contacts: [
      {
        id: 3,
        name: 'Ioana Popescu',
        role: 'Manager',
        email: 'ioana@textil.ro',
        phone: '0722 123 456',
        consent: true,
        consent_date: '2025-01-15',
        consent_source: 'formular',
      },
    ],
    organisations: [],
    org_counts: counts('kind', { micro: 0, small: 0, medium: 0, large: 0, research: 0, public_authority: 0, other: 0 }),
    fees: [
      { year: 2026, due_bani: 200000, paid_bani: 0, owed_bani: 200000, payments: [] },
      {
        year: 2025,
        due_bani: 200000,
        paid_bani: 50000,
        owed_bani: 150000,
        payments: [{ id: 9, year: 2025, paid_on: '2025-06-30', amount_bani: 50000, note: 'OP 12' }],
      },
    ],
    unpaid_bani: 150000,
    status_history: [{ status: 'active', since: '2014-03-01', recorded_at: '2026-01-10T09:00:00Z' }],
    cui_duplicates: [],
    ...overrides,
  };
}
