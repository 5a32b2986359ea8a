import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClusterPage } from '../lib/bindings/ClusterPage';
import type { ClusterQuery } from '../lib/bindings/ClusterQuery';
import type { ClusterRow } from '../lib/bindings/ClusterRow';
import type { ReferenceData } from '../lib/bindings/ReferenceData';
import { resetListState } from '../lib/clusterList.svelte';
import { setLang } from '../lib/i18n.svelte';
import { resetReferenceCache } from '../lib/reference';
import ClusterList from './ClusterList.svelte';

// The Tauri boundary is mocked here; the real path is covered by the end-to-end tests.
const mocks = vi.hoisted(() => ({
  listClusters: vi.fn(),
  referenceData: vi.fn(),
}));
vi.mock('../lib/api', () => ({ api: mocks }));

function row(id: number, name: string, extra: Partial<ClusterRow> = {}): ClusterRow {
  return {
    id,
    name,
    cui: String(10000000 + id),
    city: 'Brașov',
    county: 'BV',
    county_name: 'Brașov',
    region: 'centru',
    email: '',
    phone: '',
    status: 'active',
    sectors: ['textiles'],
    label: null,
    org_count: 10 + id,
    unpaid_bani: 0,
    joined_year: 2015,
    archived: false,
    ...extra,
  };
}

const rows = [
  row(1, 'Cluster Agroalimentar Banat', { region: 'vest', county: 'TM', county_name: 'Timiș', city: 'Timișoara', label: 'gold' }),
  row(2, 'Electro Cluster Nord', { status: 'suspended', unpaid_bani: 250000, sectors: ['electronics_software', 'automotive', 'logistics'] }),
  row(3, 'Textil Transilvania', { label: 'bronze' }),
];

const reference: ReferenceData = {
  counties: [
    { code: 'BV', name: 'Brașov', region: 'centru' },
    { code: 'TM', name: 'Timiș', region: 'vest' },
  ],
  regions: ['centru', 'vest'],
  sectors: ['textiles', 'automotive', 'electronics_software', 'logistics'],
  org_kinds: ['micro'],
  statuses: ['active', 'suspended', 'left'],
  label_levels: ['bronze', 'silver', 'gold'],
  first_year: 1990,
};

function lastQuery(): ClusterQuery {
  const calls = mocks.listClusters.mock.calls;
  return calls[calls.length - 1][0] as ClusterQuery;
}

beforeEach(() => {
  setLang('ro');
  resetListState();
  resetReferenceCache();
  mocks.listClusters.mockReset();
  mocks.referenceData.mockReset();
  mocks.listClusters.mockImplementation(async (): Promise<ClusterPage> => ({ total: rows.length, rows }));
  mocks.referenceData.mockResolvedValue(reference);
});

afterEach(() => cleanup());

describe('ClusterList', () => {
  it('asks the core for the first page sorted by name and shows the rows', async () => {
    render(ClusterList);

    const found = await screen.findAllByTestId('cluster-row');
    expect(found).toHaveLength(3);
    expect(found.map((r) => r.dataset.id)).toEqual(['1', '2', '3']);
    expect(screen.getByTestId('cluster-count')).toHaveTextContent('3 clustere');
    expect(screen.getByTestId('page-range')).toHaveTextContent('1–3 din 3');

    expect(mocks.listClusters).toHaveBeenCalledTimes(1);
    expect(lastQuery()).toMatchObject({ search: '', sort: 'name', descending: false, offset: 0, limit: 50, archived: false });

    const second = found[1];
    expect(within(second).getByTestId('cluster-row-name')).toHaveTextContent('Electro Cluster Nord');
    expect(second).toHaveTextContent('Suspendat');
    expect(second).toHaveTextContent('2.500,00 lei');
    expect(second).toHaveTextContent('+2');
    expect(within(found[0]).getByText('Aur')).toHaveClass('badge-gold');
    expect(within(found[0]).getByText('Timișoara, Timiș')).toBeInTheDocument();
  });

  it('says "de clustere" from twenty on', async () => {
    mocks.listClusters.mockResolvedValue({ total: 42, rows });
    render(ClusterList);
    expect(await screen.findByTestId('cluster-count')).toHaveTextContent('42 de clustere');
  });

  it('sorts through the core when a header is clicked', async () => {
    render(ClusterList);
    await screen.findAllByTestId('cluster-row');

    const nameHeader = screen.getByTestId('sort-name').closest('th')!;
    expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');

    await fireEvent.click(screen.getByTestId('sort-name'));
    await waitFor(() => expect(lastQuery()).toMatchObject({ sort: 'name', descending: true, offset: 0 }));
    expect(nameHeader).toHaveAttribute('aria-sort', 'descending');

    await fireEvent.click(screen.getByTestId('sort-members'));
    await waitFor(() => expect(lastQuery()).toMatchObject({ sort: 'members', descending: false }));
    expect(screen.getByTestId('sort-members').closest('th')).toHaveAttribute('aria-sort', 'ascending');
    expect(nameHeader).toHaveAttribute('aria-sort', 'none');

    await fireEvent.click(screen.getByTestId('sort-members'));
    await waitFor(() => expect(lastQuery()).toMatchObject({ sort: 'members', descending: true }));
  });

  it('searches after a short pause, and Escape clears the search', async () => {
    render(ClusterList);
    await screen.findAllByTestId('cluster-row');
    const box = screen.getByTestId('cluster-search');

    await fireEvent.input(box, { target: { value: 'brasov' } });
    expect(lastQuery().search).toBe('');
    await waitFor(() => expect(lastQuery().search).toBe('brasov'));

    await fireEvent.keyDown(box, { key: 'Escape' });
    await waitFor(() => expect(lastQuery().search).toBe(''));
    expect(box).toHaveValue('');
  });

  it('filters through the core and offers to clear the filters', async () => {
    render(ClusterList);
    await screen.findAllByTestId('cluster-row');
    expect(screen.queryByTestId('filter-clear')).toBeNull();

    await fireEvent.click(screen.getByTestId('filter-unpaid'));
    await waitFor(() => expect(lastQuery().unpaid_only).toBe(true));

    await fireEvent.click(screen.getByTestId('filter-region'));
    await fireEvent.click(await screen.findByTestId('filter-region-vest'));
    await waitFor(() => expect(lastQuery().regions).toEqual(['vest']));

    await fireEvent.click(screen.getByTestId('filter-label'));
    await fireEvent.click(await screen.findByTestId('filter-label-none'));
    await waitFor(() => expect(lastQuery().labels).toEqual(['none']));

    await fireEvent.click(screen.getByTestId('filter-clear'));
    await waitFor(() => expect(lastQuery()).toMatchObject({ unpaid_only: false, regions: [], labels: [] }));
  });

  it('shows the archive instead of the current records', async () => {
    render(ClusterList);
    await screen.findAllByTestId('cluster-row');
    await fireEvent.click(screen.getByTestId('filter-archived'));
    await waitFor(() => expect(lastQuery().archived).toBe(true));
    expect(screen.getByTestId('archive-notice')).toBeInTheDocument();
  });

  it('tells an empty database from a search without matches', async () => {
    mocks.listClusters.mockResolvedValue({ total: 0, rows: [] });
    render(ClusterList);
    const empty = await screen.findByTestId('list-empty');
    expect(empty).toHaveAttribute('data-kind', 'none');
    expect(empty).toHaveTextContent('Niciun cluster încă');
    expect(screen.getByTestId('list-empty-new')).toBeInTheDocument();

    await fireEvent.click(screen.getByTestId('filter-unpaid'));
    await waitFor(() => expect(screen.getByTestId('list-empty')).toHaveAttribute('data-kind', 'no-match'));
    expect(screen.getByTestId('list-empty')).toHaveTextContent('Niciun cluster nu corespunde');
  });

  it('shows an error banner with the message', async () => {
    mocks.listClusters.mockRejectedValue({ code: 'error.database', params: { detail: 'disk full' }, fields: [] });
    render(ClusterList);
    const banner = await screen.findByTestId('list-error');
    expect(banner).toHaveTextContent('Baza de date nu a putut finaliza operația: disk full');
  });

  it('pages by 50', async () => {
    const many = Array.from({ length: 50 }, (_, i) => row(i + 1, `Cluster ${String(i + 1).padStart(3, '0')}`));
    mocks.listClusters.mockImplementation(async (q: ClusterQuery) => ({
      total: 120,
      rows: q.offset >= 100 ? many.slice(0, 20) : many,
    }));
    render(ClusterList);
    expect(await screen.findByTestId('page-range')).toHaveTextContent('1–50 din 120');
    expect(screen.getByTestId('page-prev')).toBeDisabled();

    await fireEvent.click(screen.getByTestId('page-next'));
    await waitFor(() => expect(lastQuery().offset).toBe(50));
    await fireEvent.click(screen.getByTestId('page-next'));
    await waitFor(() => expect(screen.getByTestId('page-range')).toHaveTextContent('101–120 din 120'));
    expect(screen.getByTestId('page-next')).toBeDisabled();
  });

  it('keeps its state for the way back', async () => {
    const first = render(ClusterList);
    await screen.findAllByTestId('cluster-row');
    await fireEvent.click(screen.getByTestId('sort-unpaid'));
    await waitFor(() => expect(lastQuery().sort).toBe('unpaid'));
    first.unmount();

    render(ClusterList);
    await screen.findAllByTestId('cluster-row');
    expect(lastQuery()).toMatchObject({ sort: 'unpaid', descending: false });
  });
});
