// The eligibility panel, the label form and the audit form with the Tauri boundary mocked (the
// real path is covered by tests/e2e/specs/eligibility_audits.test.mjs).
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { clusterDetail, userError } from '../../../routes/form-detail.fixtures';

const api = vi.hoisted(() => ({
  clusterEligibility: vi.fn(),
  addLabel: vi.fn(),
  updateLabel: vi.fn(),
  saveAudit: vi.fn(),
}));
vi.mock('../../api', () => ({ api }));

import ClusterEligibility from './ClusterEligibility.svelte';
import LabelForm from '../labels/LabelForm.svelte';
import AuditForm from '../sme-audits/AuditForm.svelte';
import type { Eligibility } from '../../bindings/Eligibility';

function eligibility(): Eligibility {
  const check = (criterion: string, met: boolean, value: number | null, required: number, missing: string | null, params = {}) =>
    ({ criterion, met, value, required, missing, params }) as Eligibility['eccp']['criteria'][number];
  return {
    cluster_id: 7,
    eccp: {
      scheme: 'eccp',
      met: false,
      criteria: [
        check('management_fte', false, 0.25, 0.5, 'fte_short'),
        check('members', false, 12, 15, 'members_short', { more: '3' }),
        check('helix_types', true, 2, 2, null),
        check('english_website', true, 1, 1, null),
      ],
    },
    national: { scheme: 'national', met: true, criteria: [check('companies', true, 10, 10, null)] },
    helix_types: ['companies', 'research'],
    thresholds: { min_companies: 10, min_research: 1, min_public_authorities: 1 },
  };
}

describe('eligibility, labels and audits in the window', () => {
  beforeEach(() => {
    vi.resetAllMocks();
  });

  it('shows each scheme with what is missing, numbers in the UI language', async () => {
    api.clusterEligibility.mockResolvedValue(eligibility());
    render(ClusterEligibility, { detail: clusterDetail() });
    await waitFor(() => expect(screen.getByTestId('eligibility-eccp')).toHaveAttribute('data-met', 'false'));
    expect(screen.getByTestId('eligibility-national')).toHaveAttribute('data-met', 'true');
    const missing = screen.getAllByTestId('eligibility-missing').map((m) => m.textContent);
    expect(missing).toEqual([
      'Managementul are 0,25 ENI; sunt necesare cel puțin 0,5.',
      'Mai sunt necesari 3 membri (12 din 15).',
    ]);
    expect(api.clusterEligibility).toHaveBeenCalledWith(7);
  });

  it('refuses a label whose validity does not end after the award, without asking the core', async () => {
    const onsaved = vi.fn();
    render(LabelForm, { clusterId: 7, onsaved, oncancel: vi.fn() });
    await fireEvent.change(screen.getByTestId('label-field-level'), { target: { value: 'bronze' } });
    await fireEvent.input(screen.getByTestId('label-field-awarded_on'), { target: { value: '10.05.2026' } });
    await fireEvent.input(screen.getByTestId('label-field-valid_until'), { target: { value: '10.05.2026' } });
    await fireEvent.click(screen.getByTestId('label-save'));
    expect(await screen.findByTestId('label-error-valid_until')).toHaveTextContent('după data acordării');
    expect(api.addLabel).not.toHaveBeenCalled();

    await fireEvent.input(screen.getByTestId('label-field-valid_until'), { target: { value: '' } });
    api.addLabel.mockResolvedValue(3);
    await fireEvent.click(screen.getByTestId('label-save'));
    await waitFor(() => expect(onsaved).toHaveBeenCalled());
    expect(api.addLabel).toHaveBeenCalledWith(7, { level: 'bronze', awarded_on: '2026-05-10', valid_until: null, certificate_ref: '' });
  });

  it("shows the core's refusal at an action's field", async () => {
    const sme = { ...clusterDetail().organisations[0], id: 41, name: 'Lemn Ardelean SRL', kind: 'small' as const };
    render(AuditForm, { clusterId: 7, smes: [sme], onsaved: vi.fn(), oncancel: vi.fn() });
    await fireEvent.change(screen.getByTestId('audit-field-organisation_id'), { target: { value: '41' } });
    await fireEvent.change(screen.getByTestId('audit-field-kind'), { target: { value: 'business_review' } });
    await fireEvent.input(screen.getByTestId('audit-field-audited_on'), { target: { value: '02.03.2026' } });
    await fireEvent.input(screen.getByTestId('audit-field-auditor'), { target: { value: 'Radu Stănescu' } });
    for (const area of ['strategy', 'organisation', 'processes', 'resources', 'products', 'international']) {
      await fireEvent.change(screen.getByTestId(`audit-field-score-${area}`), { target: { value: '4' } });
    }
    await fireEvent.click(screen.getByTestId('audit-action-add'));
    await fireEvent.input(screen.getByTestId('audit-action-text'), { target: { value: 'Certificare ISO 9001' } });
    await fireEvent.input(screen.getByTestId('audit-action-due'), { target: { value: '01.03.2026' } });
    api.saveAudit.mockRejectedValue(userError([{ field: 'actions.0.due_on', code: 'date_before', params: { other: '2026-03-02' } }]));
    await fireEvent.click(screen.getByTestId('audit-save'));
    expect(await screen.findByTestId('audit-error-due_on')).toHaveTextContent('02.03.2026');
    const [cluster, id, input] = api.saveAudit.mock.calls[0];
    expect([cluster, id]).toEqual([7, null]);
    expect(input.scores.international).toBe(4);
    expect(input.actions).toEqual([{ id: null, action: 'Certificare ISO 9001', owner: '', due_on: '2026-03-01', status: 'open' }]);
  });
});
