import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { expectValues } from '../../test-helpers';
import { userError } from '../form-detail.fixtures';
import { course, sessionDetail } from './trainings.fixtures';

const api = vi.hoisted(() => ({ listCourses: vi.fn(), sessionDetail: vi.fn(), saveSession: vi.fn() }));
vi.mock('../../lib/api', () => ({ api }));

import SessionForm from './SessionForm.svelte';
import { hoursText } from '../../lib/components/trainings/SessionDates.svelte';
import { formatDateRange } from '../../lib/format';
import { setLang } from '../../lib/i18n.svelte';

describe('SessionForm', () => {

  beforeEach(() => {
    vi.resetAllMocks();
    window.location.hash = '#/trainings/sessions/new';
    api.listCourses.mockResolvedValue([course(), course({ id: 4, title_ro: 'Audit de inovare', partner_name: null, partner_id: null })]);
  });

  it('sends the days, hours and capacity as typed in Romanian, and shows the core’s refusals by the fields', async () => {
    api.saveSession.mockRejectedValue(
      userError([
        { field: 'place', code: 'place_or_link_required', params: {} },
        { field: 'enrolment_deadline', code: 'deadline_after_end', params: { other: '2026-12-02' } },
      ]),
    );
    render(SessionForm, { params: {} });
    await fireEvent.change(await screen.findByTestId('session-field-course_id'), { target: { value: '3' } });
    await fireEvent.input(screen.getByTestId('session-field-day-0'), { target: { value: '01.12.2026' } });
    await fireEvent.input(screen.getByTestId('session-field-hours-0'), { target: { value: '7,5' } });
    await fireEvent.click(screen.getByTestId('session-day-add'));
    expect(screen.getByTestId('session-field-day-1')).toHaveValue('02.12.2026');
    await fireEvent.input(screen.getByTestId('session-field-capacity'), { target: { value: '2' } });
    await fireEvent.input(screen.getByTestId('session-field-enrolment_deadline'), { target: { value: '05.12.2026' } });
    await fireEvent.click(screen.getByTestId('session-save'));

    await waitFor(() => expect(api.saveSession).toHaveBeenCalled());
    expect(api.saveSession).toHaveBeenCalledWith(null, {
      course_id: 3,
      place: '',
      link: '',
      trainer: '',
      capacity: 2,
      enrolment_deadline: '2026-12-05',
      notes: '',
      days: [
        { day: '2026-12-01', hours: 7.5 },
        { day: '2026-12-02', hours: 7.5 },
      ],
    });
    expect(await screen.findByTestId('session-error-place')).toHaveTextContent('Indicați locul de desfășurare sau linkul');
    expect(screen.getByTestId('session-error-enrolment_deadline')).toHaveTextContent('(02.12.2026)');
    expect(screen.getByTestId('session-field-place')).toHaveAttribute('aria-invalid', 'true');
    expect(document.activeElement).toBe(screen.getByTestId('session-field-place'));
  });

  it('refuses hours that are not a number before asking the core', async () => {
    render(SessionForm, { params: {} });
    await fireEvent.change(await screen.findByTestId('session-field-course_id'), { target: { value: '3' } });
    await fireEvent.input(screen.getByTestId('session-field-hours-0'), { target: { value: 'opt' } });
    await fireEvent.click(screen.getByTestId('session-save'));
    expect(await screen.findByTestId('session-error-days')).toHaveTextContent('ca număr');
    expect(api.saveSession).not.toHaveBeenCalled();
  });

  it('fills the form of an existing session', async () => {
    api.sessionDetail.mockResolvedValue(sessionDetail());
    render(SessionForm, { params: { id: '11' } });
    expect(await screen.findByTestId('session-field-day-1')).toHaveValue('27.11.2026');
    expectValues({
      'session-field-hours-0': '8',
      'session-field-capacity': '2',
      'session-field-place': 'București, Hotel Central',
      'session-field-course_id': '3',
    });
  });
});

describe('training wording', () => {
  it('writes date ranges and hours in both languages', () => {
    setLang('ro');
    expect(formatDateRange('2026-11-26', '2026-11-26')).toBe('26.11.2026');
    expect(formatDateRange('2026-11-30', '2026-12-01')).toBe('30.11–01.12.2026');
    expect(formatDateRange('2026-12-31', '2027-01-02')).toBe('31.12.2026–02.01.2027');
    expect(hoursText(1)).toBe('1 oră');
    expect(hoursText(16)).toBe('16 ore');
    expect(hoursText(24)).toBe('24 de ore');
    expect(hoursText(7.5)).toBe('7,5 ore');
    setLang('en');
    expect(formatDateRange('2026-11-26', '2026-11-27')).toBe('26–27/11/2026');
    expect(hoursText(7.5)).toBe('7.5 hours');
  });
});
