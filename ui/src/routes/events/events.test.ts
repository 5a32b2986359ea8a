import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventDetail } from '../../lib/bindings/EventDetail';
import type { EventRow } from '../../lib/bindings/EventRow';
import { userError } from '../form-detail.fixtures';
import { person } from '../trainings/trainings.fixtures';

const api = vi.hoisted(() => ({
  listEvents: vi.fn(),
  listPartners: vi.fn(),
  eventDetail: vi.fn(),
  saveMeeting: vi.fn(),
}));
vi.mock('../../lib/api', () => ({ api }));

import EventList from './EventList.svelte';
import EventPage from './EventPage.svelte';

function row(overrides: Partial<EventRow> = {}): EventRow {
  return {
    id: 6,
    kind: 'brokerage',
    title: 'Bursa de cooperare EEN „Industria 4.0”',
    starts_on: '2026-03-24',
    ends_on: '2026-03-24',
    place: 'Timișoara',
    country: 'RO',
    status: 'held',
    organiser_id: null,
    organiser: null,
    co_organisers: ['EEN – ADR Vest'],
    capacity: 60,
    seated: 28,
    waitlisted: 0,
    meetings_held: 33,
    ...overrides,
  };
}

function detail(): EventDetail {
  const roster = [
    person(1, 'Ana Kovač', 'confirmed', { organisation: 'Jadran Metal d.o.o.', country: 'HR', contact_id: null, cluster_id: null, cluster_name: null }),
    person(2, 'Ștefan Mureșan', 'enrolled', { organisation: 'Tehnoplast Timișoara SRL' }),
  ];
  return {
    event: {
      id: 6,
      kind: 'brokerage',
      title: 'Bursa de cooperare EEN „Industria 4.0”',
      starts_on: '2026-12-07',
      ends_on: '2026-12-07',
      place: 'Timișoara',
      country: 'RO',
      organiser_id: null,
      co_organiser_ids: [],
      budget_bani: 1_500_000,
      capacity: 20,
      registration_deadline: '2026-12-01',
      status: 'planned',
      sectors: ['automotive'],
      description: '',
      evaluation: '',
      organiser: null,
      open_for_registration: true,
    },
    co_organisers: [],
    counts: { enrolled: 1, waitlisted: 0, cancelled: 0, completed: 0, no_show: 0, confirmed: 1, attended: 0, seated: 2 },
    roster,
    meetings: [],
    figures: {
      participants: 2,
      attended: 0,
      confirmed: 1,
      no_show: 0,
      waitlisted: 0,
      organisations: 2,
      by_country: [{ country: 'HR', count: 1 }, { country: 'RO', count: 1 }],
      by_cluster: [{ cluster_id: 7, cluster: 'Clusterul Textil Brașov', count: 1 }, { cluster_id: null, cluster: null, count: 1 }],
      meetings_requested: 0,
      meetings_held: 0,
      follow_ups: 0,
      agreements: 0,
    },
  };
}

describe('events', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    api.listPartners.mockResolvedValue([]);
  });

  it('lists the events and asks the core again for another kind or sort', async () => {
    api.listEvents.mockResolvedValue([row(), row({ id: 7, kind: 'conference', title: 'Conferința anuală', seated: 42 })]);
    render(EventList);
    const rows = await screen.findAllByTestId('event-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('24.03.2026');
    expect(rows[0]).toHaveTextContent('Bursă de cooperare');
    expect(rows[0]).toHaveTextContent('28 / 60');
    expect(api.listEvents).toHaveBeenLastCalledWith(expect.objectContaining({ sort: 'date', descending: true }));

    await fireEvent.change(screen.getByTestId('events-filter-kind'), { target: { value: 'conference' } });
    await waitFor(() => expect(api.listEvents).toHaveBeenLastCalledWith(expect.objectContaining({ kind: 'conference' })));
    await fireEvent.click(screen.getByTestId('sort-title'));
    await waitFor(() =>
      expect(api.listEvents).toHaveBeenLastCalledWith(expect.objectContaining({ sort: 'title', descending: false })),
    );
  });

  it('shows a meeting refused for a taken slot at the slot field, with the slot as people write it', async () => {
    api.eventDetail.mockResolvedValue(detail());
    api.saveMeeting.mockRejectedValue(
      userError([{ field: 'slot', code: 'slot_person_busy', params: { name: 'Ana Kovač', slot: '2026-12-07T10:00' } }]),
    );
    render(EventPage, { params: { id: '6' } });
    await screen.findByTestId('event-title');
    expect(screen.getByTestId('figure-participants')).toHaveTextContent('2');
    await fireEvent.click(screen.getByTestId('meeting-new'));
    await fireEvent.change(screen.getByTestId('meeting-requester'), { target: { value: '1' } });
    await fireEvent.change(screen.getByTestId('meeting-invitee'), { target: { value: '2' } });
    await fireEvent.input(screen.getByTestId('meeting-time'), { target: { value: '10:00' } });
    await fireEvent.submit(screen.getByTestId('meeting-form'));
    const error = await screen.findByTestId('meeting-error-slot');
    expect(error).toHaveTextContent('Ana Kovač are deja o întâlnire în intervalul 07.12.2026 10:00.');
    expect(api.saveMeeting).toHaveBeenCalledWith(6, null, expect.objectContaining({ slot: '2026-12-07T10:00' }));
  });
});
