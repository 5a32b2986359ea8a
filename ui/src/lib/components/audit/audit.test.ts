import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const api = vi.hoisted(() => ({ auditHistory: vi.fn(), auditEntries: vi.fn() }));
vi.mock('../../api', () => ({ api }));

import AuditLog from '../../../routes/AuditLog.svelte';
import type { AuditEntry } from '../../bindings/AuditEntry';
import History from './History.svelte';
import { fieldName, valueText } from './audit';

function entry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: 7,
    at: '2026-11-27T10:15:00Z',
    staff: 'Mihai Ionescu',
    action: 'update',
    entity: 'clusters',
    entity_id: 3,
    parent_entity: null,
    parent_id: null,
    label: 'Clusterul Textil Brașov',
    changes: [{ field: 'city', before: 'Brașov', after: 'Sibiu' }],
    ...overrides,
  };
}

describe('audit log in the window', () => {
  beforeEach(() => {
    api.auditHistory.mockReset();
    api.auditEntries.mockReset();
  });

  it('names fields and values as the forms do', () => {
    expect(fieldName('clusters', 'city')).toBe('Localitate');
    expect(fieldName('contacts', 'consent_source')).toBe('Sursa acordului');
    expect(fieldName('clusters', 'archived_at')).toBe('Arhivat la');
    expect(fieldName('events', 'poster')).toBe('poster');
    expect(valueText('consent_date', '2026-03-02')).toBe('02.03.2026');
    expect(valueText('sector', 'textiles')).toBe('Textile');
    expect(valueText('notes', null)).toBe('—');
  });

  it("shows a record's history with its changes, and archived as such", async () => {
    api.auditHistory.mockResolvedValue([
      entry(),
      entry({ id: 6, action: 'archive', changes: [{ field: 'archived_at', before: null, after: '2026-11-27T10:00:00Z' }] }),
    ]);
    render(History, { entity: 'clusters', id: 3 });
    const rows = await screen.findAllByTestId('history-entry');
    expect(api.auditHistory).toHaveBeenCalledWith('clusters', 3);
    expect(rows[0]).toHaveTextContent('modificare');
    expect(rows[0]).toHaveTextContent('Mihai Ionescu');
    // An update shows its fields at once: before and after.
    expect(screen.getByTestId('audit-before')).toHaveTextContent('Brașov');
    expect(screen.getByTestId('audit-after')).toHaveTextContent('Sibiu');
    expect(rows[1]).toHaveTextContent('arhivare');
  });

  it('filters the audit view by staff and pages through it', async () => {
    api.auditEntries.mockResolvedValue({
      total: 120,
      rows: [entry()],
      staff_names: ['Ana Popescu', 'Mihai Ionescu'],
      entities: ['clusters', 'contacts'],
    });
    render(AuditLog);
    await screen.findByTestId('audit-row');
    expect(screen.getByTestId('audit-total')).toHaveTextContent('1–1 din 120');
    await fireEvent.change(screen.getByTestId('audit-filter-staff'), { target: { value: 'Mihai Ionescu' } });
    await waitFor(() =>
      expect(api.auditEntries).toHaveBeenLastCalledWith(expect.objectContaining({ staff: 'Mihai Ionescu', offset: 0 })),
    );
    await fireEvent.click(screen.getByTestId('audit-next'));
    await waitFor(() => expect(api.auditEntries).toHaveBeenLastCalledWith(expect.objectContaining({ offset: 50 })));
    await fireEvent.click(screen.getByTestId('audit-sort-staff'));
    await waitFor(() =>
      expect(api.auditEntries).toHaveBeenLastCalledWith(expect.objectContaining({ sort: 'staff', offset: 0 })),
    );
  });
});
