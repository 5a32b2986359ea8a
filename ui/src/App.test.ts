import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import { resetClock, thisYear, today } from './lib/clock';
import { lang, setLang } from './lib/i18n.svelte';
import { resetListState } from './lib/clusterList.svelte';
import { resetReferenceCache } from './lib/reference';

// The Tauri boundary is mocked; the real window is covered by the end-to-end tests.
const api = vi.hoisted(() => ({
  appStatus: vi.fn(),
  setupDatabase: vi.fn(),
  setLanguage: vi.fn(),
  listClusters: vi.fn(),
  referenceData: vi.fn(),
  caenAttribution: vi.fn(),
  getCluster: vi.fn(),
  caenSearch: vi.fn(),
}));
vi.mock('./lib/api', () => ({ api }));

const status = {
  db_path: '/tmp/clusterdesk.sqlite',
  needs_setup: false,
  language: 'en' as const,
  version: '0.1.0',
  staff_name: null,
  staff_default: 'elena',
  // 01.01.2027 00:30 in Bucharest, still 31.12.2026 in UTC.
  now: '2026-12-31T22:30:00.000Z',
};

beforeEach(() => {
  setLang('ro');
  resetListState();
  resetReferenceCache();
  window.location.hash = '#/clusters';
  for (const fn of Object.values(api)) fn.mockReset();
  api.listClusters.mockResolvedValue({ total: 0, rows: [] });
  api.referenceData.mockResolvedValue({
    counties: [], regions: [], sectors: [], org_kinds: [], statuses: [], label_levels: [], first_year: 1990,
  });
  api.setLanguage.mockResolvedValue(undefined);
});

afterEach(() => {
  cleanup();
  resetClock();
});

describe('App', () => {
  it('takes the language from the status and shows the layout', async () => {
    api.appStatus.mockResolvedValue(status);
    render(App);
    const root = await screen.findByTestId('app-ready');
    expect(root).toHaveAttribute('data-view', 'main');
    expect(lang()).toBe('en');
    // The router may still read the first test's hash change ("/" is the dashboard now).
    await waitFor(() => expect(screen.getByTestId('nav-clusters')).toHaveAttribute('aria-current', 'page'));
    expect(screen.getByTestId('nav-settings')).toHaveTextContent('Settings');
    expect(await screen.findByTestId('list-empty')).toBeInTheDocument();
  });

  it("follows the core's clock: its today, in Bucharest", async () => {
    api.appStatus.mockResolvedValue(status);
    render(App);
    await screen.findByTestId('app-ready');
    expect(today()).toBe('2027-01-01');
    expect(thisYear()).toBe(2027);
  });

  it('remembers a language switch in the database', async () => {
    api.appStatus.mockResolvedValue(status);
    render(App);
    await screen.findByTestId('app-ready');
    await fireEvent.click(screen.getByTestId('lang-ro'));
    expect(api.setLanguage).toHaveBeenCalledWith('ro');
    expect(lang()).toBe('ro');
    expect(screen.getByTestId('nav-settings')).toHaveTextContent('Setări');
  });

  it('offers demo data on the first start, then enters the app', async () => {
    api.appStatus.mockResolvedValueOnce({ ...status, needs_setup: true, language: 'ro' });
    api.appStatus.mockResolvedValueOnce({ ...status, language: 'ro' });
    api.setupDatabase.mockResolvedValue(undefined);
    render(App);
    expect(await screen.findByTestId('app-ready')).toHaveAttribute('data-view', 'welcome');
    expect(screen.getByTestId('welcome-db-path')).toHaveTextContent('/tmp/clusterdesk.sqlite');

    // The staff profile is the laptop's user name unless changed; it cannot be left empty.
    expect(screen.getByTestId('welcome-staff-name')).toHaveValue('elena');
    await fireEvent.input(screen.getByTestId('welcome-staff-name'), { target: { value: ' ' } });
    await fireEvent.click(screen.getByTestId('setup-demo'));
    expect(api.setupDatabase).not.toHaveBeenCalled();
    await fireEvent.input(screen.getByTestId('welcome-staff-name'), { target: { value: 'Elena Marinescu' } });
    await fireEvent.click(screen.getByTestId('setup-demo'));
    expect(api.setupDatabase).toHaveBeenCalledWith(true, 'ro', 'Elena Marinescu');
    await waitFor(() => expect(screen.getByTestId('app-ready')).toHaveAttribute('data-view', 'main'));
  });

  it('shows a full-page error when the status cannot be read', async () => {
    api.appStatus.mockRejectedValue({ code: 'error.migration', params: { detail: 'checksum mismatch' }, fields: [] });
    render(App);
    expect(await screen.findByTestId('app-error-message')).toHaveTextContent(
      'Baza de date nu a putut fi actualizată la versiunea aplicației: checksum mismatch',
    );
    expect(screen.queryByTestId('app-ready')).toBeNull();
  });
});
