import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { expectTexts } from '../../test-helpers';
import { userError } from '../form-detail.fixtures';
import { person, sessionDetail } from './trainings.fixtures';

const api = vi.hoisted(() => ({
  sessionDetail: vi.fn(),
  searchPeople: vi.fn(),
  enrolPerson: vi.fn(),
  enrolExternal: vi.fn(),
  cancelRegistration: vi.fn(),
  cancelSession: vi.fn(),
  recordAttendance: vi.fn(),
  completeSession: vi.fn(),
  exportAttendanceSheets: vi.fn(),
  exportCertificates: vi.fn(),
  exportParticipants: vi.fn(),
}));
vi.mock('../../lib/api', () => ({ api }));

import SessionPage from './SessionPage.svelte';

const registration = (id: number, state: string) => ({
  id,
  offering: { kind: 'session', id: 11 },
  participant_id: 100 + id,
  state,
  arrival: id,
  registered_at: '2026-11-27T10:00:00Z',
  late_override_reason: null,
});

describe('SessionPage', () => {

  beforeEach(() => {
    vi.resetAllMocks();
    window.location.hash = '#/trainings/sessions/11';
  });

  it('shows the counts and the roster with states and waitlist positions', async () => {
    api.sessionDetail.mockResolvedValue(sessionDetail());
    render(SessionPage, { params: { id: '11' } });
    expect(await screen.findByTestId('session-title')).toHaveTextContent('Managementul clusterelor – nivel de bază');
    expectTexts({ 'count-enrolled': '2', 'count-waitlisted': '1', 'count-attended': '0' });
    const rows = screen.getAllByTestId('roster-row');
    expect(rows.map((r) => [r.dataset.name, r.dataset.state])).toEqual([
      ['Ștefania Munteanu', 'enrolled'],
      ['Bogdan Lazăr', 'enrolled'],
      ['Réka Szabó', 'waitlisted'],
    ]);
    expect(within(rows[2]).getByTestId('roster-position')).toHaveTextContent('1');
    expect(screen.getByTestId('session-dates')).toHaveTextContent('26–27.11.2026');
  });

  it('cancels a registration after confirming and names the person promoted from the waitlist', async () => {
    const after = sessionDetail({}, [
      person(2, 'Bogdan Lazăr', 'enrolled'),
      person(3, 'Réka Szabó', 'enrolled'),
      person(1, 'Ștefania Munteanu', 'cancelled'),
    ]);
    api.sessionDetail.mockResolvedValueOnce(sessionDetail()).mockResolvedValueOnce(after);
    api.cancelRegistration.mockResolvedValue({ cancelled: registration(1, 'cancelled'), promoted: registration(3, 'enrolled') });
    render(SessionPage, { params: { id: '11' } });
    const first = (await screen.findAllByTestId('roster-row'))[0];
    await fireEvent.click(within(first).getByTestId('roster-cancel'));
    await fireEvent.click(screen.getByTestId('confirm-ok'));
    expect(api.cancelRegistration).toHaveBeenCalledWith(1);
    const toast = await screen.findByTestId('toast');
    expect(toast).toHaveTextContent('Ștefania Munteanu');
    expect(toast).toHaveTextContent('Réka Szabó a primit locul eliberat');
    // The cancelled registration is out of the roster until asked for.
    expect(screen.getAllByTestId('roster-row').map((r) => r.dataset.name)).toEqual(['Bogdan Lazăr', 'Réka Szabó']);
    await fireEvent.click(screen.getByTestId('roster-show-cancelled'));
    expect(screen.getAllByTestId('roster-row').at(-1)?.dataset.state).toBe('cancelled');
  });

  it('asks for a reason when the core refuses a late enrolment, then sends it', async () => {
    const choice = { participant_id: null, contact_id: 5, name: 'Vlad Ștefănescu', organisation: 'Cluster IT Cluj', email: 'vlad@it.ro' };
    api.sessionDetail.mockResolvedValue(sessionDetail());
    api.searchPeople.mockResolvedValue([choice]);
    api.enrolPerson
      .mockRejectedValueOnce(userError([{ field: 'override_reason', code: 'deadline_passed', params: { deadline: '2026-11-20' } }]))
      .mockResolvedValueOnce(registration(9, 'waitlisted'));
    render(SessionPage, { params: { id: '11' } });

    const search = await screen.findByTestId('enrol-search');
    // The suggestions open in the box being typed in.
    search.focus();
    await fireEvent.input(search, { target: { value: 'stefanescu' } });
    const option = await screen.findByTestId('enrol-option', {}, { timeout: 2000 });
    expect(api.searchPeople).toHaveBeenCalledWith('stefanescu');
    expect(option.dataset.name).toBe('Vlad Ștefănescu');
    await fireEvent.click(option);
    expect(screen.queryByTestId('enrol-override-reason')).toBeNull();
    await fireEvent.click(screen.getByTestId('enrol-submit'));

    const reason = await screen.findByTestId('enrol-override-reason');
    expect(screen.getByTestId('enrol-error-override_reason')).toHaveTextContent('Termenul de înscriere (20.11.2026) a trecut');
    await fireEvent.input(reason, { target: { value: 'Aprobat de director' } });
    // The button is disabled until the refusal has been shown.
    await waitFor(() => expect(screen.getByTestId('enrol-submit')).toBeEnabled());
    await fireEvent.click(screen.getByTestId('enrol-submit'));
    await waitFor(() => expect(api.enrolPerson).toHaveBeenCalledTimes(2));
    expect(api.enrolPerson).toHaveBeenLastCalledWith(11, choice, 'Aprobat de director');
    expect(await screen.findByTestId('toast')).toHaveTextContent('Vlad Ștefănescu este pe lista de așteptare');
  });

  it('saves a mark as soon as a box is ticked, and refuses days still to come', async () => {
    api.sessionDetail.mockResolvedValue(sessionDetail({ session: { ...sessionDetail().session, days: [
      { day: '2026-11-27', hours: 8 },
      { day: '2026-11-28', hours: 8 },
    ], last_day: '2026-11-28' } }));
    api.recordAttendance.mockResolvedValue(registration(1, 'enrolled'));
    render(SessionPage, { params: { id: '11' } });
    const today = await screen.findByTestId('attendance-1-2026-11-27');
    expect(screen.getByTestId('attendance-1-2026-11-28')).toBeDisabled();
    // Waitlisted people have no row.
    expect(screen.queryByTestId('attendance-3-2026-11-27')).toBeNull();
    await fireEvent.click(today);
    expect(api.recordAttendance).toHaveBeenCalledWith(1, '2026-11-27', true);
    // Closing needs the last day to have come.
    expect(screen.getByTestId('session-complete')).toBeDisabled();
  });

  it('closes the session and shows the summary with the new certificate numbers', async () => {
    api.sessionDetail.mockResolvedValue(sessionDetail({ session: { ...sessionDetail().session, days: [{ day: '2026-11-27', hours: 8 }], first_day: '2026-11-27', last_day: '2026-11-27' } }));
    api.completeSession.mockResolvedValue({ completed: 2, no_show: 0, partial: 0, new_certificates: ['CLUSTERO-2026-0001', 'CLUSTERO-2026-0002'] });
    render(SessionPage, { params: { id: '11' } });
    await fireEvent.click(await screen.findByTestId('session-complete'));
    const summary = await screen.findByTestId('completion-summary');
    expect(summary).toHaveTextContent('Absolvenți: 2');
    expect(summary).toHaveTextContent('CLUSTERO-2026-0001, CLUSTERO-2026-0002');
  });

  it('shows where an export was written, and nothing when the save dialog was closed', async () => {
    api.sessionDetail.mockResolvedValue(sessionDetail());
    api.exportParticipants.mockResolvedValueOnce(null).mockResolvedValueOnce('/home/ana/Participanți.xlsx');
    render(SessionPage, { params: { id: '11' } });
    await fireEvent.click(await screen.findByTestId('export-csv'));
    await waitFor(() => expect(api.exportParticipants).toHaveBeenCalledWith(11, 'csv'));
    expect(screen.queryByTestId('toast')).toBeNull();
    // Nobody has completed yet: no certificates to print.
    expect(screen.getByTestId('export-certificates')).toBeDisabled();
    await waitFor(() => expect(screen.getByTestId('export-xlsx')).toBeEnabled());
    await fireEvent.click(screen.getByTestId('export-xlsx'));
    expect(await screen.findByTestId('toast')).toHaveTextContent('/home/ana/Participanți.xlsx');
  });

  it('shows a clear page for a session that does not exist', async () => {
    api.sessionDetail.mockRejectedValue({ code: 'error.not_found', params: {}, fields: [] });
    render(SessionPage, { params: { id: '404' } });
    expect(await screen.findByTestId('session-not-found')).toBeInTheDocument();
  });
});
