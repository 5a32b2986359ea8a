import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { clusterDetail, reference } from '../form-detail.fixtures';

const api = vi.hoisted(() => ({
  referenceData: vi.fn(),
  getCluster: vi.fn(),
  clusterTrainings: vi.fn(),
  clusterEvents: vi.fn(() => Promise.resolve([])),
  participantHistory: vi.fn(),
}));
vi.mock('../../lib/api', () => ({ api }));

import ClusterDetail from '../ClusterDetail.svelte';
import PersonHistory from './PersonHistory.svelte';
import type { TrainingRecord } from '../../lib/bindings/TrainingRecord';

function record(overrides: Partial<TrainingRecord> = {}): TrainingRecord {
  return {
    registration_id: 31,
    participant_id: 101,
    participant_name: 'Ștefania Munteanu',
    session_id: 11,
    course_id: 3,
    title_ro: 'Managementul clusterelor – nivel de bază',
    title_en: 'Cluster management – foundation level',
    partner_name: 'France Clusters',
    session_status: 'held',
    first_day: '2025-03-10',
    last_day: '2025-03-11',
    hours: 16,
    attended_hours: 16,
    state: 'completed',
    certificate_number: 'CLUSTERO-2025-0007',
    ...overrides,
  };
}

describe('trainings of a cluster and of a person', () => {

  beforeEach(() => {
    vi.resetAllMocks();
    api.referenceData.mockResolvedValue(reference);
  });

  it('lists on the cluster page, when the tab is opened, the trainings its people took', async () => {
    api.getCluster.mockResolvedValue(clusterDetail());
    api.clusterTrainings.mockResolvedValue([record(), record({ registration_id: 32, participant_name: 'Bogdan Lazăr', state: 'no_show', certificate_number: null })]);
    window.location.hash = '#/clusters/7';
    render(ClusterDetail, { params: { id: '7' } });
    const tab = await screen.findByTestId('tab-trainings');
    expect(tab).toHaveTextContent('Instruiri');
    expect(api.clusterTrainings).not.toHaveBeenCalled();
    await fireEvent.click(tab);
    const rows = await screen.findAllByTestId('cluster-training-row');
    expect(api.clusterTrainings).toHaveBeenCalledWith(7);
    expect(tab).toHaveTextContent('Instruiri și evenimente (2)');
    expect(rows[0]).toHaveTextContent('Ștefania Munteanu');
    expect(rows[0]).toHaveTextContent('CLUSTERO-2025-0007');
    expect(rows[0]).toHaveTextContent('10–11.03.2025');
    expect(rows[1].dataset.state).toBe('no_show');
    expect(rows[0].querySelector('a[href="#/trainings/people/101"]')).not.toBeNull();
  });

  it('says so when none of the cluster’s people has trained', async () => {
    api.getCluster.mockResolvedValue(clusterDetail());
    api.clusterTrainings.mockResolvedValue([]);
    render(ClusterDetail, { params: { id: '7' } });
    await fireEvent.click(await screen.findByTestId('tab-trainings'));
    expect(await screen.findByTestId('cluster-trainings-empty')).toBeInTheDocument();
    // The events of the cluster's people sit under the trainings, loaded by their own component.
    expect(await screen.findByTestId('cluster-events-empty')).toBeInTheDocument();
    expect(api.clusterEvents).toHaveBeenCalledWith(7);
  });

  it('shows a person’s history with a summary', async () => {
    api.participantHistory.mockResolvedValue([record(), record({ registration_id: 40, session_id: 12, state: 'enrolled', session_status: 'planned', attended_hours: 0, certificate_number: null })]);
    render(PersonHistory, { params: { id: '101' } });
    await waitFor(() => expect(screen.getByTestId('person-name')).toHaveTextContent('Ștefania Munteanu'));
    expect(api.participantHistory).toHaveBeenCalledWith(101);
    expect(screen.getByTestId('person-summary')).toHaveTextContent('2 înscrieri · 1 curs absolvit');
    expect(screen.getAllByTestId('training-record')).toHaveLength(2);
  });
});
