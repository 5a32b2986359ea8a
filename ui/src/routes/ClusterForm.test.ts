import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { clusterDetail, reference, TEXTILES_REV3, userError } from './form-detail.fixtures';

const api = vi.hoisted(() => ({
  referenceData: vi.fn(),
  getCluster: vi.fn(),
  createCluster: vi.fn(),
  updateCluster: vi.fn(),
  caenSearch: vi.fn(),
}));
vi.mock('../lib/api', () => ({ api }));

import ClusterForm from './ClusterForm.svelte';
import { setLang } from '../lib/i18n.svelte';

const NAME = 'Clusterul Inovativ Textil Ș.A. Brașov';

async function fillRequired() {
  await fireEvent.input(await screen.findByTestId('field-name'), { target: { value: NAME } });
  await fireEvent.input(screen.getByTestId('field-cui'), { target: { value: '18547291' } });
  await fireEvent.change(screen.getByTestId('field-county'), { target: { value: 'BV' } });
  await fireEvent.click(screen.getByTestId('field-sector-textiles'));
}

describe('ClusterForm', () => {

  beforeEach(() => {
    vi.resetAllMocks();
    api.referenceData.mockResolvedValue(reference);
    api.caenSearch.mockResolvedValue([]);
    window.location.hash = '#/clusters/new';
  });

  it("shows the server's field errors next to the right fields and keeps what was typed", async () => {
    api.createCluster.mockRejectedValue(
      userError([
        { field: 'cui', code: 'cui_check_digit', params: {} },
        { field: 'website', code: 'url_format', params: {} },
      ]),
    );
    render(ClusterForm, { params: {} });
    await fillRequired();
    await fireEvent.input(screen.getByTestId('field-website'), { target: { value: 'not a site' } });
    await fireEvent.click(screen.getByTestId('form-save'));

    const cuiError = await screen.findByTestId('error-cui');
    expect(cuiError).toHaveTextContent('CUI invalid: cifra de control nu corespunde.');
    expect(screen.getByTestId('error-website')).toHaveTextContent('Adresa web nu este validă');
    expect(screen.queryByTestId('error-name')).toBeNull();
    // The error sits in the CUI's field, and the input points at it.
    expect(cuiError.closest('.field')?.querySelector('[data-testid="field-cui"]')).not.toBeNull();
    expect(screen.getByTestId('field-cui')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('form-error')).toHaveTextContent('Verificați câmpurile marcate.');
    // What the user typed stays.
    expect(screen.getByTestId('field-name')).toHaveValue(NAME);
    expect(screen.getByTestId('field-cui')).toHaveValue('18547291');
    expect(screen.getByTestId('field-county')).toHaveValue('BV');
    expect(screen.getByTestId('field-sector-textiles')).toBeChecked();
    // The first field in error has the focus.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('field-cui')));

    expect(api.createCluster).toHaveBeenCalledTimes(1);
    expect(api.createCluster.mock.calls[0][0]).toMatchObject({
      name: NAME,
      cui: '18547291',
      county: 'BV',
      sectors: ['textiles'],
      founded_year: null,
      status: 'active',
      status_since: null,
    });
  });

  it('shows the messages in English when the UI is in English', async () => {
    setLang('en');
    api.createCluster.mockRejectedValue(userError([{ field: 'cui', code: 'cui_check_digit', params: {} }]));
    render(ClusterForm, { params: {} });
    await fillRequired();
    await fireEvent.click(screen.getByTestId('form-save'));
    expect(await screen.findByTestId('error-cui')).toHaveTextContent('Invalid CUI: the check digit does not match.');
  });

  it('checks the required fields before asking the server', async () => {
    render(ClusterForm, { params: {} });
    await screen.findByTestId('field-name');
    await fireEvent.click(screen.getByTestId('form-save'));
    expect(await screen.findByTestId('error-name')).toHaveTextContent('Câmp obligatoriu.');
    expect(screen.getByTestId('error-cui')).toBeInTheDocument();
    expect(screen.getByTestId('error-county')).toBeInTheDocument();
    expect(screen.getByTestId('error-sectors')).toHaveTextContent('Alegeți cel puțin un domeniu.');
    expect(api.createCluster).not.toHaveBeenCalled();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('field-name')));
  });

  it('shows the region the chosen county implies', async () => {
    render(ClusterForm, { params: {} });
    await fireEvent.change(await screen.findByTestId('field-county'), { target: { value: 'CJ' } });
    expect(screen.getByText('Regiunea de dezvoltare: Nord-Vest')).toBeInTheDocument();
  });

  it('edits an existing cluster, saves with Ctrl+S and goes to its page', async () => {
    api.getCluster.mockResolvedValue(clusterDetail());
    api.updateCluster.mockResolvedValue(undefined);
    render(ClusterForm, { params: { id: '7' } });
    const city = await screen.findByTestId('field-city');
    expect(city).toHaveValue('Brașov');
    expect(screen.getByTestId('field-founded_year')).toHaveValue('2012');
    // The CAEN code on record shows with its title in the UI language.
    expect(screen.getByTestId('caen-chosen')).toHaveTextContent('Fabricarea de articole confecționate din textile');

    await fireEvent.input(city, { target: { value: 'Codlea' } });
    await fireEvent.keyDown(city, { key: 's', ctrlKey: true });
    await waitFor(() => expect(api.updateCluster).toHaveBeenCalledTimes(1));
    expect(api.updateCluster.mock.calls[0][0]).toBe(7);
    expect(api.updateCluster.mock.calls[0][1]).toMatchObject({
      city: 'Codlea',
      founded_year: 2012,
      joined_year: 2014,
      caen: [{ revision: 'rev2', code: '1392' }],
    });
    await waitFor(() => expect(window.location.hash).toBe('#/clusters/7'));
  });

  it('adds a CAEN code picked from the suggestions, with its revision', async () => {
    api.caenSearch.mockResolvedValue([TEXTILES_REV3[0]]);
    render(ClusterForm, { params: {} });
    const search = await screen.findByTestId('field-caen-search');
    search.focus();
    await fireEvent.input(search, { target: { value: 'textile' } });
    const option = await screen.findByTestId('caen-option', {}, { timeout: 2000 });
    expect(api.caenSearch).toHaveBeenCalledWith('rev3', 'textile');
    await fireEvent.click(option);
    const chosen = screen.getByTestId('caen-chosen');
    expect(chosen).toHaveAttribute('data-revision', 'rev3');
    expect(chosen).toHaveTextContent('Fabricarea de articole de uz casnic din textile');
  });

  it('says so when the cluster no longer exists', async () => {
    api.getCluster.mockRejectedValue(userError([], 'error.not_found', { entity: 'cluster', id: '99' }));
    render(ClusterForm, { params: { id: '99' } });
    expect(await screen.findByTestId('form-not-found')).toHaveTextContent('Înregistrarea nu mai există');
  });
});
