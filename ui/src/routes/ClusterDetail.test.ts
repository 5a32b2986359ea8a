import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { expectTexts } from '../test-helpers';
import { clusterDetail, reference, userError } from './form-detail.fixtures';

const api = vi.hoisted(() => ({
  referenceData: vi.fn(),
  getCluster: vi.fn(),
  archiveCluster: vi.fn(),
  restoreCluster: vi.fn(),
  deleteCluster: vi.fn(),
  replaceClusterCaen: vi.fn(),
  saveContact: vi.fn(),
  deleteContact: vi.fn(),
  saveOrganisation: vi.fn(),
  deleteOrganisation: vi.fn(),
  setFee: vi.fn(),
  addPayment: vi.fn(),
  deletePayment: vi.fn(),
  caenSearch: vi.fn(),
}));
vi.mock('../lib/api', () => ({ api }));

import ClusterDetail from './ClusterDetail.svelte';
import { toast } from '../lib/ui';
import { setLang } from '../lib/i18n.svelte';

const ARCHIVED = { archived_at: '2026-03-01T10:00:00Z' };

describe('ClusterDetail', () => {

  beforeEach(() => {
    vi.resetAllMocks();
    api.referenceData.mockResolvedValue(reference);
    window.location.hash = '#/clusters/7';
  });

  it('shows the total of unpaid fees of past years, highlighted, with each year', async () => {
    api.getCluster.mockResolvedValue(clusterDetail());
    render(ClusterDetail, { params: { id: '7' } });
    expect(await screen.findByTestId('cluster-title')).toHaveTextContent('Clusterul Inovativ Textil Ș.A. Brașov');
    await fireEvent.click(screen.getByTestId('tab-fees'));

    const total = screen.getByTestId('unpaid-total');
    expect(total).toHaveTextContent('1.500,00 lei');
    expect(total.closest('.unpaid')).toHaveClass('owing');
    const rows = screen.getAllByTestId('fee-row');
    expect(rows.map((r) => r.getAttribute('data-year'))).toEqual(['2026', '2025']);
    expect(within(rows[1]).getByTestId('fee-owed')).toHaveClass('owed');
    // This year's fee is not overdue yet.
    expect(within(rows[0]).getByTestId('fee-owed')).not.toHaveClass('owed');
    expect(screen.getByTestId('payment-row')).toHaveTextContent('30.06.2025');
    expect(screen.getByTestId('payment-row')).toHaveTextContent('500,00 lei');
  });

  it('formats the total in English too', async () => {
    setLang('en');
    api.getCluster.mockResolvedValue(clusterDetail());
    render(ClusterDetail, { params: { id: '7' } });
    await fireEvent.click(await screen.findByTestId('tab-fees'));
    expect(screen.getByTestId('unpaid-total')).toHaveTextContent('1,500.00 lei');
  });

  it('offers Archive (not Restore or Delete) for a current cluster, and archives it', async () => {
    api.getCluster.mockResolvedValueOnce(clusterDetail()).mockResolvedValueOnce(clusterDetail(ARCHIVED));
    api.archiveCluster.mockResolvedValue(undefined);
    render(ClusterDetail, { params: { id: '7' } });
    const archive = await screen.findByTestId('cluster-archive');
    expect(screen.queryByTestId('cluster-restore')).toBeNull();
    expect(screen.queryByTestId('cluster-delete')).toBeNull();
    expect(screen.queryByTestId('archived-badge')).toBeNull();

    await fireEvent.click(archive);
    expect(api.archiveCluster).toHaveBeenCalledWith(7);
    expect(await screen.findByTestId('archived-badge')).toHaveTextContent('Arhivat');
    expect(screen.getByTestId('cluster-restore')).toBeInTheDocument();
    expect(screen.getByTestId('cluster-delete')).toBeInTheDocument();
    expect(screen.queryByTestId('cluster-archive')).toBeNull();
    expect(await screen.findByTestId('toast')).toHaveTextContent('arhivă');
  });

  it("shows the server's refusal to restore in a banner", async () => {
    api.getCluster.mockResolvedValue(clusterDetail(ARCHIVED));
    api.restoreCluster.mockRejectedValue(userError([], 'error.restore_cui_taken', { name: 'Alt Cluster' }));
    render(ClusterDetail, { params: { id: '7' } });
    await fireEvent.click(await screen.findByTestId('cluster-restore'));
    expect(await screen.findByTestId('detail-error')).toHaveTextContent(
      'Nu poate fi restaurat: CUI-ul său este folosit acum de „Alt Cluster”.',
    );
    expect(screen.getByTestId('archived-badge')).toBeInTheDocument();
  });

  it('deletes for good only after the name is typed; a wrong name shows the server error', async () => {
    api.getCluster.mockResolvedValue(clusterDetail(ARCHIVED));
    api.deleteCluster
      .mockRejectedValueOnce(
        userError([{ field: 'confirm_name', code: 'confirm_name_mismatch', params: { name: 'Clusterul Inovativ Textil Ș.A. Brașov' } }]),
      )
      .mockResolvedValueOnce(undefined);
    render(ClusterDetail, { params: { id: '7' } });
    const opener = await screen.findByTestId('cluster-delete');
    await fireEvent.click(opener);

    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    const input = screen.getByTestId('confirm-input');
    await waitFor(() => expect(document.activeElement).toBe(input));
    expect(screen.getByTestId('confirm-ok')).toBeDisabled();

    await fireEvent.input(input, { target: { value: 'Clusterul' } });
    await fireEvent.keyDown(input, { key: 'Enter' });
    expect(api.deleteCluster).toHaveBeenCalledWith(7, 'Clusterul');
    expect(await screen.findByTestId('confirm-error')).toHaveTextContent('Scrieți exact numele');

    await fireEvent.input(input, { target: { value: 'Clusterul Inovativ Textil Ș.A. Brașov' } });
    await fireEvent.click(screen.getByTestId('confirm-ok'));
    await waitFor(() => expect(window.location.hash).toBe('#/clusters'));
  });

  it('Escape cancels the dialog and gives the focus back', async () => {
    api.getCluster.mockResolvedValue(clusterDetail(ARCHIVED));
    render(ClusterDetail, { params: { id: '7' } });
    const opener = await screen.findByTestId('cluster-delete');
    opener.focus();
    await fireEvent.click(opener);
    await fireEvent.keyDown(screen.getByTestId('confirm-input'), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(api.deleteCluster).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(opener);
  });

  it('updates a Rev.2 code to the Rev.3 codes the user keeps', async () => {
    api.getCluster.mockResolvedValue(clusterDetail());
    api.replaceClusterCaen.mockResolvedValue(undefined);
    render(ClusterDetail, { params: { id: '7' } });
    await fireEvent.click(await screen.findByTestId('tab-activity'));
    const row = screen.getByTestId('caen-row');
    expect(row).toHaveTextContent('Rev.2');
    expect(row).toHaveTextContent('Fabricarea de articole confecționate din textile');
    expect(row).toHaveTextContent('Fabricarea de covoare și mochete');

    await fireEvent.click(screen.getByTestId('caen-upgrade'));
    const boxes = screen.getAllByTestId('caen-successor');
    expect(boxes).toHaveLength(2);
    boxes.forEach((b) => expect(b).toBeChecked());
    await fireEvent.click(boxes[1]);
    await fireEvent.click(screen.getByTestId('confirm-ok'));
    expect(api.replaceClusterCaen).toHaveBeenCalledWith(7, { revision: 'rev2', code: '1392' }, [{ revision: 'rev3', code: '1392' }]);
  });

  it('shows the legal data, the contacts and all seven kinds of member organisations', async () => {
    api.getCluster.mockResolvedValue(clusterDetail());
    render(ClusterDetail, { params: { id: '7' } });
    expect(await screen.findByTestId('detail-region')).toHaveTextContent('Centru');
    expectTexts({ 'detail-cui': 'RO18547290', 'label-badge': 'Argint' });

    await fireEvent.click(screen.getByTestId('tab-contacts'));
    expect(screen.getByTestId('contact-row')).toHaveTextContent('Da, 15.01.2025');

    await fireEvent.click(screen.getByTestId('tab-orgs'));
    expect(screen.getAllByTestId(/^org-count-/)).toHaveLength(7);
  });

  it('maps a refused contact onto its fields', async () => {
    api.getCluster.mockResolvedValue(clusterDetail());
    api.saveContact.mockRejectedValue(userError([{ field: 'email', code: 'email_format', params: {} }]));
    render(ClusterDetail, { params: { id: '7' } });
    await fireEvent.click(await screen.findByTestId('tab-contacts'));
    await fireEvent.click(screen.getByTestId('contact-add'));
    await fireEvent.input(screen.getByTestId('contact-field-name'), { target: { value: 'Ana' } });
    await fireEvent.input(screen.getByTestId('contact-field-email'), { target: { value: 'ana@' } });
    await fireEvent.click(screen.getByTestId('contact-save'));
    expect(await screen.findByTestId('contact-error-email')).toHaveTextContent('Adresa de e-mail nu este validă');
    expect(screen.getByTestId('contact-field-email')).toHaveValue('ana@');
  });

  it('sends a payment typed in lei as bani', async () => {
    api.getCluster.mockResolvedValue(clusterDetail());
    api.addPayment.mockResolvedValue(10);
    render(ClusterDetail, { params: { id: '7' } });
    await fireEvent.click(await screen.findByTestId('tab-fees'));
    expect(screen.getByTestId('payment-year')).toHaveValue('2025');
    await fireEvent.input(screen.getByTestId('payment-date'), { target: { value: '2026-02-03' } });
    await fireEvent.input(screen.getByTestId('payment-amount'), { target: { value: '1.250,50' } });
    await fireEvent.click(screen.getByTestId('payment-save'));
    expect(api.addPayment).toHaveBeenCalledWith(7, { year: 2025, paid_on: '2026-02-03', amount_bani: 125050, note: '' });
  });

  it('keeps the toast the form showed before navigating here', async () => {
    api.getCluster.mockResolvedValue(clusterDetail());
    toast('Modificările au fost salvate.');
    render(ClusterDetail, { params: { id: '7' } });
    expect(screen.getByTestId('toast')).toHaveTextContent('Modificările au fost salvate.');
  });

  it('says when the cluster no longer exists', async () => {
    api.getCluster.mockRejectedValue(userError([], 'error.not_found', { entity: 'cluster', id: '7' }));
    render(ClusterDetail, { params: { id: '7' } });
    expect(await screen.findByTestId('detail-not-found')).toHaveTextContent('Înregistrarea nu mai există');
  });
});
