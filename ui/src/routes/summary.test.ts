// The dashboard and the reports page, with the Tauri boundary mocked (the real path — the core's
// figures, the files written — is covered by tests/e2e/specs/reports.test.mjs).
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnnualSummary } from '../lib/bindings/AnnualSummary';
import type { Dashboard as DashboardFigures } from '../lib/bindings/Dashboard';
import type { MemberBreakdown } from '../lib/bindings/MemberBreakdown';
import type { UserError } from '../lib/bindings/UserError';
import { listState, resetListState } from '../lib/clusterList.svelte';
import { counts } from './form-detail.fixtures';
import { followCore, resetClock } from '../lib/clock';
import { setLang } from '../lib/i18n.svelte';

const api = vi.hoisted(() => ({
  dashboard: vi.fn(),
  annualSummary: vi.fn(),
  exportAnnual: vi.fn(),
  exportClusters: vi.fn(),
  listClusters: vi.fn(),
}));
const servicesApi = vi.hoisted(() => ({ myWork: vi.fn() }));
vi.mock('../lib/api', () => ({ api, servicesApi }));

import Dashboard from './Dashboard.svelte';
import Reports, { resetReportsYear } from './Reports.svelte';

// ---- fixtures ------------------------------------------------------------------------------

function breakdown(date: string, overrides: Partial<MemberBreakdown> = {}): MemberBreakdown {
  return {
    date,
    members: 12,
    suspended: 1,
    by_sector: counts('sector', { textiles: 5, automotive: 4, health: 3, tourism: 0 }),
    sector_mentions: 12,
    without_sector: 1,
    by_region: counts('region', {
      nord_est: 2, sud_est: 0, sud_muntenia: 1, sud_vest_oltenia: 0, vest: 2, nord_vest: 3, centru: 4, bucuresti_ilfov: 0,
    }),
    ...overrides,
  };
}

function dashboard(overrides: Partial<DashboardFigures> = {}): DashboardFigures {
  return {
    today: '2026-11-27',
    year: 2026,
    members: breakdown('2026-11-27'),
    labels: [
      { level: 'bronze', valid: 25, awarded: 0, expired: 0 },
      { level: 'silver', valid: 3, awarded: 0, expired: 0 },
      { level: 'gold', valid: 1, awarded: 0, expired: 0 },
    ],
    expiring_labels: [{ cluster_id: 4, cluster: 'Clusterul Mobilei Ș.A. Reghin', level: 'silver', valid_until: '2027-01-15' }],
    upcoming_sessions: [
      {
        session_id: 31,
        title_ro: 'Managementul clusterelor – nivel de bază',
        title_en: 'Cluster management – basics',
        partner: 'France Clusters',
        first_day: '2026-12-03',
        last_day: '2026-12-04',
        capacity: 20,
        enrolled: 14,
        free: 6,
        open_for_enrolment: true,
      },
    ],
    unpaid: {
      clusters: 2,
      total_bani: 123_450_00,
      debtors: [
        { cluster_id: 9, cluster: 'Clusterul Țesătorilor din Sibiu', owed_bani: 100_000_00 },
        { cluster_id: 12, cluster: 'Agro Est', owed_bani: 23_450_00 },
      ],
    },
    ...overrides,
  };
}

function emptyDashboard(): DashboardFigures {
  return dashboard({
    members: breakdown('2026-11-27', {
      members: 0,
      suspended: 0,
      by_sector: [],
      sector_mentions: 0,
      without_sector: 0,
      by_region: breakdown('').by_region.map((r) => ({ ...r, count: 0 })),
    }),
    labels: [
      { level: 'bronze', valid: 0, awarded: 0, expired: 0 },
      { level: 'silver', valid: 0, awarded: 0, expired: 0 },
      { level: 'gold', valid: 0, awarded: 0, expired: 0 },
    ],
    expiring_labels: [],
    upcoming_sessions: [],
    unpaid: { clusters: 0, total_bani: 0, debtors: [] },
  });
}

function annualSummary(year = 2025, overrides: Partial<AnnualSummary> = {}): AnnualSummary {
  const complete = year < 2026;
  const asOf = complete ? `${year}-12-31` : '2026-11-27';
  return {
    year,
    as_of: asOf,
    year_complete: complete,
    made_on: '2026-11-27',
    members: { at_start: 38, start_date: `${year}-01-01`, joined: 5, left: 1, at_end: breakdown(asOf, { members: 42 }) },
    organisations: {
      by_kind: [
        { kind: 'micro', organisations: 120, employees: 600, turnover_ron: 12_000_000 },
        { kind: 'small', organisations: 80, employees: 2_400, turnover_ron: 96_000_000 },
        { kind: 'medium', organisations: 0, employees: 0, turnover_ron: 0 },
        { kind: 'large', organisations: 10, employees: 9_000, turnover_ron: 1_500_000_000 },
        { kind: 'research', organisations: 12, employees: 800, turnover_ron: 0 },
        { kind: 'public_authority', organisations: 6, employees: 0, turnover_ron: 0 },
        { kind: 'other', organisations: 4, employees: 20, turnover_ron: 0 },
      ],
      total: { organisations: 232, employees: 12_820, turnover_ron: 1_608_000_000 },
    },
    labels: {
      by_level: [
        { level: 'bronze', valid: 25, awarded: 6, expired: 2 },
        { level: 'silver', valid: 3, awarded: 1, expired: 0 },
        { level: 'gold', valid: 1, awarded: 0, expired: 0 },
      ],
      valid_total: 29,
      awarded_total: 7,
      expired_total: 2,
    },
    assessments: { assessments: 2, audits: 3, moved_up: 1 },
    trainings: {
      total: { sessions: 9, courses: 4, participants: 101, seats: 120, completed: 98, completion_rate: 8167 },
      by_partner: [
        { partner_id: null, partner: null, sessions: 4, courses: 2, participants: 50, seats: 60, completed: 50, completion_rate: 8333 },
        { partner_id: 2, partner: 'France Clusters', sessions: 5, courses: 2, participants: 55, seats: 60, completed: 48, completion_rate: 8000 },
      ],
    },
    events: {
      by_kind: [{ kind: 'brokerage', events: 1, participants: 26, attended: 24, meetings_held: 33, agreements: 5 }],
      total: { events: 1, participants: 26, attended: 24, meetings_held: 33, agreements: 5 },
      by_country: [{ country: 'RO', count: 20 }, { country: 'HR', count: 6 }],
    },
    fees: {
      due_bani: 420_000_00,
      paid_bani: 380_000_00,
      outstanding_bani: 40_000_00,
      clusters_due: 42,
      clusters_outstanding: 4,
      arrears_bani: 12_000_00,
      clusters_in_arrears: 2,
    },
    services: {
      requests_by_topic: [{ topic: 'governance', received: 3, done: 2, dropped: 0, open: 1, minutes: 270 }],
      requests: { received: 3, done: 2, dropped: 0, open: 1, minutes: 270 },
      hours_by_cluster: [{ cluster_id: 1, name: 'Clusterul Mobilei', requests: 3, activities: 4, minutes: 270 }],
      minutes: 270,
      introductions_by_outcome: [{ outcome: 'met', count: 2 }],
      introductions: 2,
      projects_by_status: [{ status: 'running', projects: 1, budget_eur: 240_000_000, own_share_eur: 31_000_000, unconverted: 0 }],
      positions: [],
      calls_published: 3,
      bulletins_sent: 2,
      recipients_reached: 40,
    },
    ...overrides,
  };
}
// The reports page runs at 01.01.2027 00:30 in Bucharest (still 31.12.2026 in UTC): its year is 2027.
const THIS_YEAR = 2027;
const NEW_YEAR_NIGHT = '2026-12-31T22:30:00Z';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

beforeEach(() => {
  vi.resetAllMocks();
  setLang('ro');
  resetListState();
  resetReportsYear();
  window.location.hash = '#/';
  api.listClusters.mockResolvedValue({ total: 1, rows: [{ joined_year: 2014 }] });
  api.annualSummary.mockImplementation(async (year: number) => annualSummary(year));
  servicesApi.myWork.mockResolvedValue({ staff: 'Ioana', today: '2026-11-27', mine: [], overdue: [], overdue_follow_ups: [] });
});

afterEach(() => cleanup());

// ---- the dashboard -------------------------------------------------------------------------

describe('Dashboard', () => {
  it('shows the label counts, the unpaid total and the other headline figures', async () => {
    api.dashboard.mockResolvedValue(dashboard());
    render(Dashboard);
    expect(await screen.findByTestId('dash-label-gold')).toHaveTextContent('1');
    expect(screen.getByTestId('dash-label-silver')).toHaveTextContent('3');
    expect(screen.getByTestId('dash-label-bronze')).toHaveTextContent('25');
    expect(screen.getByTestId('dash-labels-total')).toHaveTextContent('29');
    expect(screen.getByTestId('dash-unpaid-total')).toHaveTextContent('123.450,00 lei');
    expect(screen.getByTestId('dash-unpaid-clusters')).toHaveTextContent('2 clustere');
    expect(screen.getByTestId('dash-members-count')).toHaveTextContent('12');
    expect(screen.getByTestId('dash-as-of')).toHaveTextContent('27.11.2026');

    // Bars with their counts; a sector without members is left out, "no sector" is not a link.
    expect(screen.getByTestId('dash-sector-textiles')).toHaveTextContent(/^Textile\s*5$/);
    expect(screen.queryByTestId('dash-sector-tourism')).toBeNull();
    expect(within(screen.getByTestId('dash-sectors')).getByText('Fără domeniu înregistrat').closest('button')).toBeNull();
    expect(screen.getByTestId('dash-region-centru-value')).toHaveTextContent('4');

    // The lists: an expiring label with its date, a session with its free places and its page.
    const expiring = screen.getByTestId('dash-expiring-row');
    expect(expiring).toHaveTextContent('Clusterul Mobilei Ș.A. Reghin');
    expect(expiring).toHaveTextContent('Argint');
    expect(expiring).toHaveTextContent('15.01.2027');
    const session = screen.getByTestId('dash-session');
    expect(session).toHaveAttribute('href', '#/trainings/sessions/31');
    expect(session).toHaveTextContent('03–04.12.2026');
    expect(session).toHaveTextContent('Managementul clusterelor – nivel de bază');
    expect(session).toHaveTextContent('6 locuri libere din 20');
    expect(screen.getAllByTestId('dash-debtor')[0]).toHaveTextContent('Clusterul Țesătorilor din Sibiu');
  });

  it('opens the cluster list filtered by the figure clicked', async () => {
    api.dashboard.mockResolvedValue(dashboard());
    render(Dashboard);
    listState.search = 'an earlier search';
    await fireEvent.click(await screen.findByTestId('dash-label-gold'));
    expect(listState.labels).toEqual(['gold']);
    expect(listState.statuses).toEqual(['active', 'suspended']);
    expect(listState.search).toBe('');
    await waitFor(() => expect(window.location.hash).toBe('#/clusters'));

    await fireEvent.click(screen.getByTestId('dash-sector-automotive'));
    expect(listState.sectors).toEqual(['automotive']);
    expect(listState.labels).toEqual([]);

    await fireEvent.click(screen.getByTestId('dash-region-nord_vest'));
    expect(listState.regions).toEqual(['nord_vest']);
    expect(listState.sectors).toEqual([]);

    await fireEvent.click(screen.getByTestId('dash-unpaid'));
    expect(listState.unpaid_only).toBe(true);
    expect(listState.regions).toEqual([]);
    expect(listState.statuses).toEqual([]);
  });

  it('says so on an empty database', async () => {
    api.dashboard.mockResolvedValue(emptyDashboard());
    render(Dashboard);
    expect(await screen.findByTestId('dashboard-empty')).toHaveTextContent('Încă nu există cifre de arătat');
    expect(screen.queryByTestId('dash-unpaid-total')).toBeNull();
    expect(screen.getByTestId('dashboard-empty-new')).toHaveAttribute('href', '#/clusters/new');
  });

  it('shows an error it can retry', async () => {
    const failure: UserError = { code: 'error.file', params: { detail: 'disk' }, fields: [] };
    api.dashboard.mockRejectedValueOnce(failure).mockResolvedValueOnce(dashboard());
    render(Dashboard);
    expect(await screen.findByTestId('dashboard-load-error')).toHaveTextContent('disk');
    await fireEvent.click(within(screen.getByTestId('dashboard-load-error')).getByRole('button'));
    expect(await screen.findByTestId('dash-label-bronze')).toHaveTextContent('25');
    expect(screen.queryByTestId('dashboard-load-error')).toBeNull();
  });
});

// ---- the reports page ----------------------------------------------------------------------

describe('Reports', () => {
  beforeEach(() => followCore(NEW_YEAR_NIGHT));
  afterEach(() => resetClock());

  it('opens on the year of the clock in Bucharest: 2026 until midnight there, 2027 after', async () => {
    followCore('2026-12-31T21:30:00Z'); // 31.12.2026 23:30 in Bucharest
    render(Reports);
    expect(await screen.findByTestId('reports-members-end')).toHaveTextContent('42');
    expect(api.annualSummary).toHaveBeenCalledWith(2026);
    cleanup();
    resetReportsYear();
    followCore(NEW_YEAR_NIGHT);
    render(Reports);
    await waitFor(() => expect(api.annualSummary).toHaveBeenLastCalledWith(2027));
  });

  it('previews the current year by default, and the year chosen', async () => {
    render(Reports);
    expect(await screen.findByTestId('reports-members-end')).toHaveTextContent('42');
    expect(api.annualSummary).toHaveBeenCalledWith(THIS_YEAR);
    const select = screen.getByTestId('reports-year') as HTMLSelectElement;
    expect(select.value).toBe(String(THIS_YEAR));
    // From the earliest year a cluster joined to this year, newest first.
    await waitFor(() => expect(select.options[select.options.length - 1].value).toBe('2014'));
    expect(select.options[0].value).toBe(String(THIS_YEAR));

    await fireEvent.change(select, { target: { value: '2024' } });
    await waitFor(() => expect(screen.getByTestId('reports-title')).toHaveTextContent('Raport anual 2024'));
    expect(api.annualSummary).toHaveBeenLastCalledWith(2024);
    expect(screen.getByTestId('reports-period')).toHaveTextContent('1 ianuarie – 31 decembrie 2024');
    expect(screen.getByTestId('reports-members-start')).toHaveTextContent('38');
    expect(screen.getByTestId('reports-labels-gold')).toHaveTextContent('1');
    expect(screen.getByTestId('reports-labels-silver')).toHaveTextContent('3');
    expect(screen.getByTestId('reports-labels-bronze')).toHaveTextContent('25');
    expect(screen.getByTestId('reports-org-turnover')).toHaveTextContent('1.608.000.000');
    expect(screen.getByTestId('reports-trainings-completion')).toHaveTextContent('81,67');
    expect(screen.getByTestId('reports-events-total')).toHaveTextContent('1');
    expect(screen.getByTestId('reports-events')).toHaveTextContent('Croația');
    expect(screen.getByTestId('reports-fees-outstanding')).toHaveTextContent('40.000,00 lei');
    expect(screen.getByTestId('reports-tile-fees-paid')).toHaveTextContent('90 %');
    expect(screen.getByTestId('reports-assessments')).toHaveTextContent('2');
    expect(screen.getByTestId('reports-audits')).toHaveTextContent('3');
    expect(screen.getByTestId('reports-moved-up')).toHaveTextContent('1');
  });

  it('exports the selected year in the chosen format and shows the path written', async () => {
    api.exportAnnual.mockResolvedValueOnce('/home/ana/Raport_anual_2024.pdf').mockResolvedValueOnce(null);
    render(Reports);
    await screen.findByTestId('reports-members-end');
    await fireEvent.change(screen.getByTestId('reports-year'), { target: { value: '2024' } });
    await waitFor(() => expect(screen.getByTestId('reports-title')).toHaveTextContent('2024'));

    await fireEvent.click(screen.getByTestId('reports-export-pdf'));
    expect(api.exportAnnual).toHaveBeenCalledWith(2024, 'pdf');
    expect(await screen.findByTestId('toast')).toHaveTextContent('Fișier salvat: /home/ana/Raport_anual_2024.pdf');

    // The save dialog closed: no new message (the toast still names the PDF).
    await waitFor(() => expect(screen.getByTestId('reports-export-xlsx')).toBeEnabled());
    await fireEvent.click(screen.getByTestId('reports-export-xlsx'));
    expect(api.exportAnnual).toHaveBeenLastCalledWith(2024, 'xlsx');
    await waitFor(() => expect(screen.getByTestId('reports-export-csv')).toBeEnabled());
    expect(screen.getByTestId('toast')).toHaveTextContent('Raport_anual_2024.pdf');
  });

  it('shows progress when an export takes longer than a second', async () => {
    const pending = deferred<string | null>();
    api.exportAnnual.mockReturnValue(pending.promise);
    render(Reports);
    await screen.findByTestId('reports-members-end');
    await fireEvent.click(screen.getByTestId('reports-export-csv'));
    expect(api.exportAnnual).toHaveBeenCalledWith(THIS_YEAR, 'csv');
    const progress = screen.getByTestId('reports-progress');
    expect(progress.textContent?.trim()).toBe('');
    expect(screen.getByTestId('reports-export-pdf')).toBeDisabled();
    await waitFor(() => expect(progress).toHaveTextContent('Se generează…'), { timeout: 2500 });
    expect(progress).toHaveAttribute('aria-busy', 'true');

    pending.resolve(`/tmp/Raport_anual_${THIS_YEAR}.zip`);
    expect(await screen.findByTestId('toast')).toHaveTextContent(`Raport_anual_${THIS_YEAR}.zip`);
    expect(progress.textContent?.trim()).toBe('');
    expect(progress).toHaveAttribute('aria-busy', 'false');
  });

  it('exports the member directory, and says why an export failed', async () => {
    api.exportClusters.mockResolvedValueOnce('/home/ana/Clustere_membre.xlsx');
    api.exportAnnual.mockRejectedValueOnce({ code: 'error.file', params: { detail: 'Permission denied' }, fields: [] });
    render(Reports);
    await screen.findByTestId('reports-members-end');
    await fireEvent.click(screen.getByTestId('reports-directory-xlsx'));
    expect(api.exportClusters).toHaveBeenCalledWith('xlsx');
    expect(await screen.findByTestId('toast')).toHaveTextContent('/home/ana/Clustere_membre.xlsx');

    await waitFor(() => expect(screen.getByTestId('reports-export-pdf')).toBeEnabled());
    await fireEvent.click(screen.getByTestId('reports-export-pdf'));
    expect(await screen.findByTestId('reports-export-error')).toHaveTextContent(
      'Fișierul nu a putut fi citit sau scris: Permission denied',
    );
  });
});
