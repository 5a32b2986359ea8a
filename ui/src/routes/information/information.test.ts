// A call's matches and its form values with the Tauri boundary mocked (the real path is covered by
// tests/e2e/specs/funding.test.mjs and the core's funding tests).
import { render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fundingApi = vi.hoisted(() => ({ matchCall: vi.fn() }));
vi.mock('../../lib/api', () => ({ fundingApi }));

import type { CallMatches } from '../../lib/bindings/CallMatches';
import CallMatchesPanel from './CallMatches.svelte';
import { callInput, callValues, checkCall } from './information';

function matches(): CallMatches {
  return {
    call_id: 4,
    clusters: [],
    organisations: [
      {
        call_id: 4, who: 'organisation', id: 31, name: 'Lemn Soft SRL', cluster_id: 2, cluster_name: 'Clusterul Mobilei', kind: 'small', fits: true,
        checks: [
          { criterion: 'region', met: true, reason: 'region_ok', params: { region: 'centru' } },
          { criterion: 'caen', met: true, reason: 'caen_correspondence', params: { code: '6201', revision: '2', call_code: '6210', call_revision: '3' } },
        ],
      },
      {
        call_id: 4, who: 'organisation', id: 32, name: 'Cod Nou SRL', cluster_id: 3, cluster_name: 'Soft Cluj', kind: 'micro', fits: false,
        checks: [{ criterion: 'region', met: false, reason: 'region_missed', params: { region: 'nord_vest' } }],
      },
    ],
    clusters_fit: 0,
    clusters_near: 0,
    organisations_fit: 1,
    organisations_near: 1,
  };
}

describe('funding calls in the window', () => {
  beforeEach(() => {
    vi.resetAllMocks();
  });

  it("shows who fits a call, each criterion met or missed with the core's reason in Romanian", async () => {
    fundingApi.matchCall.mockResolvedValue(matches());
    render(CallMatchesPanel, { id: 4 });
    await waitFor(() => expect(screen.getAllByTestId('match-organisation-row')).toHaveLength(2));
    const reasons = screen.getAllByTestId('match-reason').map((r) => r.textContent);
    expect(reasons).toEqual([
      'Se află în regiunea Centru, eligibilă.',
      'Codul CAEN 6201 (Rev.2) corespunde codului 6210 (Rev.3) al apelului, prin corespondența INS.',
      'Regiunea Nord-Vest nu este eligibilă.',
    ]);
    expect(screen.getByTestId('call-matches-organisations-count')).toHaveTextContent(
      'Organizații membre: 1 se potrivesc, 1 au un singur criteriu neîndeplinit',
    );
    expect(fundingApi.matchCall).toHaveBeenCalledWith(4);
  });

  it('reads the budget, the co-financing and the CAEN codes of both revisions as typed', () => {
    const v = { ...callValues(null), title_ro: 'Apel', programme: 'PEO', budget: '1.500,50', cofinancing: '15', caen: '6210, 3100', caen_rev2: '6201' };
    expect(checkCall(v)).toEqual({ budget: null, cofinancing: null });
    const input = callInput(v);
    expect(input.budget).toBe(150_050);
    expect(input.cofinancing_bp).toBe(1_500);
    expect(input.caen).toEqual([
      { revision: 'rev3', code: '6210' },
      { revision: 'rev3', code: '3100' },
      { revision: 'rev2', code: '6201' },
    ]);
    expect(checkCall({ ...v, cofinancing: 'cincisprezece' }).cofinancing).toBe('Scrieți procentul ca număr între 0 și 100.');
  });
});
