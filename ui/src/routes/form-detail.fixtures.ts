// Shared fixtures for the cluster form and detail component tests (the Tauri boundary is mocked
// there; the real path is covered by tests/e2e/specs/clusters.test.mjs).
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
      {
        class: {
          revision: 'rev2',
          code: '1392',
          title_ro: 'Fabricarea de articole confecționate din textile',
          title_en: 'Manufacture of made-up textile articles',
          section: 'C',
          section_title_ro: 'Industria prelucrătoare',
          section_title_en: 'Manufacturing',
        },
        rev3_successors: [
          {
            revision: 'rev3',
            code: '1392',
            title_ro: 'Fabricarea de articole de uz casnic din textile',
            title_en: 'Manufacture of household textiles',
            section: 'C',
            section_title_ro: 'Industria prelucrătoare',
            section_title_en: 'Manufacturing',
          },
          {
            revision: 'rev3',
            code: '1393',
            title_ro: 'Fabricarea de covoare și mochete',
            title_en: 'Manufacture of carpets and rugs',
            section: 'C',
            section_title_ro: 'Industria prelucrătoare',
            section_title_en: 'Manufacturing',
          },
        ],
      },
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
    org_counts: [
      { kind: 'micro', count: 0 },
      { kind: 'small', count: 0 },
      { kind: 'medium', count: 0 },
      { kind: 'large', count: 0 },
      { kind: 'research', count: 0 },
      { kind: 'public_authority', count: 0 },
      { kind: 'other', count: 0 },
    ],
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
    ...overrides,
  };
}
