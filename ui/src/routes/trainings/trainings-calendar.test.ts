import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { sessionRow } from './trainings.fixtures';

const api = vi.hoisted(() => ({ sessionsIn: vi.fn() }));
vi.mock('../../lib/api', () => ({ api }));

import TrainingCalendar from './TrainingCalendar.svelte';
import { setLang } from '../../lib/i18n.svelte';

describe('TrainingCalendar', () => {

  beforeEach(() => {
    vi.resetAllMocks();
    window.location.hash = '#/trainings';
  });

  it('shows the current month by default, each session with its dates, places and status', async () => {
    api.sessionsIn.mockResolvedValue([sessionRow()]);
    render(TrainingCalendar);
    const row = await screen.findByTestId('session-row');
    expect(api.sessionsIn).toHaveBeenCalledWith('2026-11-01', '2026-11-30');
    expect(row.dataset.id).toBe('11');
    expect(row).toHaveTextContent('26–27.11.2026');
    expect(row).toHaveTextContent('Managementul clusterelor – nivel de bază');
    expect(row).toHaveTextContent('France Clusters');
    expect(row).toHaveTextContent('Cu prezență fizică');
    expect(row).toHaveTextContent('2 / 2');
    expect(row).toHaveTextContent('Planificată');
    expect(screen.getAllByTestId('calendar-group').map((g) => g.textContent)).toEqual(['noiembrie 2026']);
    expect(screen.getByTestId('session-new')).toHaveAttribute('href', '#/trainings/sessions/new');
  });

  it('moves by month and offers the next six months, grouped by month', async () => {
    api.sessionsIn.mockResolvedValue([]);
    render(TrainingCalendar);
    expect(await screen.findByTestId('calendar-empty')).toHaveTextContent('noiembrie 2026');
    await fireEvent.click(screen.getByTestId('calendar-next'));
    await waitFor(() => expect(api.sessionsIn).toHaveBeenLastCalledWith('2026-12-01', '2026-12-31'));

    api.sessionsIn.mockResolvedValue([
      sessionRow({ id: 1, first_day: '2026-12-03', last_day: '2026-12-03', day_count: 1 }),
      sessionRow({ id: 2, first_day: '2027-02-10', last_day: '2027-02-11', title_ro: 'Audit de inovare pentru IMM-uri' }),
    ]);
    await fireEvent.click(screen.getByTestId('calendar-next6'));
    await waitFor(() => expect(api.sessionsIn).toHaveBeenLastCalledWith('2026-11-27', '2027-05-27'));
    await waitFor(() =>
      expect(screen.getAllByTestId('calendar-group').map((g) => g.textContent)).toEqual(['decembrie 2026', 'februarie 2027']),
    );
    expect(screen.getAllByTestId('session-row').map((r) => r.dataset.id)).toEqual(['1', '2']);
    expect(screen.getByTestId('session-count')).toHaveTextContent('2 sesiuni');
  });

  it('names the course in English when the interface is in English', async () => {
    setLang('en');
    api.sessionsIn.mockResolvedValue([sessionRow()]);
    render(TrainingCalendar);
    const row = await screen.findByTestId('session-row');
    expect(row).toHaveTextContent('Cluster management – foundation level');
    expect(row).toHaveTextContent('26–27/11/2026');
  });

  it('says so when the calendar cannot be read', async () => {
    api.sessionsIn.mockRejectedValue({ code: 'error.database', params: { detail: 'locked' }, fields: [] });
    render(TrainingCalendar);
    expect(await screen.findByTestId('calendar-error')).toHaveTextContent('locked');
  });
});
