// The shared page pieces, through components that use them: a confirmation whose refusal stays in
// the dialog (the label register), the toast that outlives its page, the combobox's keyboard, and
// the table's sort headers and computed colspan.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const api = vi.hoisted(() => ({ deleteLabel: vi.fn(), updateLabel: vi.fn(), addLabel: vi.fn() }));
vi.mock('../api', () => ({ api }));

import type { Label } from '../bindings/Label';
import LabelRegister from '../components/labels/LabelRegister.svelte';
import { setLang } from '../i18n.svelte';
import { tick, type Component } from 'svelte';
import ComboboxOf from './Combobox.svelte';
import DataTableOf from './DataTable.svelte';
import { confirm } from './confirm.svelte';
import { toast } from './toast.svelte';

// The generic components take their row type from their props; here the props are plain objects.
const DataTable = DataTableOf as unknown as Component<Record<string, unknown>>;
const Combobox = ComboboxOf as unknown as Component<Record<string, unknown>>;

const label: Label = { id: 4, level: 'gold', awarded_on: '2025-05-10', valid_until: '2027-05-10', certificate_ref: 'ESCA-1', current: true };

beforeEach(() => {
  vi.resetAllMocks();
  setLang('ro');
});
afterEach(cleanup);

describe('confirm', () => {
  it('keeps the core’s refusal in the dialog, and closes it once the action succeeds', async () => {
    const onchanged = vi.fn();
    api.deleteLabel.mockRejectedValueOnce({ code: 'error.database', params: { detail: 'disk full' }, fields: [] }).mockResolvedValueOnce(undefined);
    render(LabelRegister, { clusterId: 7, labels: [label], onchanged });
    const remove = screen.getByTestId('label-delete');
    remove.focus();
    await fireEvent.click(remove);
    const dialog = await screen.findByTestId('confirm-dialog');
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(dialog).toContainElement(document.activeElement as HTMLElement);

    await fireEvent.click(within(dialog).getByTestId('confirm-ok'));
    expect(await within(dialog).findByTestId('confirm-error')).toHaveTextContent('disk full');
    expect(screen.getByTestId('confirm-dialog')).toBeInTheDocument();
    expect(onchanged).not.toHaveBeenCalled();

    await fireEvent.click(within(dialog).getByTestId('confirm-ok'));
    await waitFor(() => expect(screen.queryByTestId('confirm-dialog')).toBeNull());
    expect(api.deleteLabel).toHaveBeenCalledWith(4);
    expect(onchanged).toHaveBeenCalledWith('Eticheta a fost ștearsă.');
  });

  it('answers false on Escape and gives the focus back', async () => {
    const button = document.createElement('button');
    document.body.append(button);
    button.focus();
    const answer = confirm({ title: 'Ștergeți?', danger: true });
    const dialog = await screen.findByTestId('confirm-dialog');
    await fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(await answer).toBe(false);
    await waitFor(() => expect(document.activeElement).toBe(button));
    button.remove();
  });
});

describe('toast', () => {
  it('outlives the page that showed it, and closes on its button', async () => {
    const page = render(LabelRegister, { clusterId: 7, labels: [], onchanged: vi.fn() });
    toast('Salvat.');
    page.unmount();
    expect(await screen.findByTestId('toast')).toHaveTextContent('Salvat.');
    toast('Fișier salvat.');
    await tick();
    expect(screen.getAllByTestId('toast')).toHaveLength(1);
    expect(screen.getByTestId('toast')).toHaveTextContent('Fișier salvat.');
    await fireEvent.click(screen.getByTestId('toast-close'));
    expect(screen.queryByTestId('toast')).toBeNull();
  });
});

describe('DataTable', () => {
  it('marks the sorted column, counts the colspan of a row’s line, and says when it is empty', async () => {
    const onsort = vi.fn();
    const rows = [{ id: 1, name: 'Alfa', n: 1200 }];
    const props = {
      rows,
      key: (r: (typeof rows)[number]) => r.id,
      columns: [
        { key: 'name', header: 'list.col.name' as const, sort: true as const, value: (r: (typeof rows)[number]) => r.name },
        { key: 'n', header: 'list.col.members' as const, num: true, sort: 'members', value: (r: (typeof rows)[number]) => r.n },
      ],
      sort: { by: 'name', descending: true },
      onsort,
      actions: () => [{ label: 'Edit', testid: 'row-edit', run: () => {} }],
      rowTestid: 'row',
      empty: 'Nimic',
    };
    const { rerender } = render(DataTable, props);
    const headers = screen.getAllByRole('columnheader');
    expect(headers[0]).toHaveAttribute('aria-sort', 'descending');
    expect(headers[1]).toHaveAttribute('aria-sort', 'none');
    expect(headers[1]).toHaveClass('num');
    await fireEvent.click(screen.getByTestId('sort-members'));
    expect(onsort).toHaveBeenCalledWith('members');
    expect(screen.getByTestId('row-edit')).toBeInTheDocument();
    await rerender({ ...props, rows: [] });
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByText('Nimic')).toBeInTheDocument();
  });
});

describe('Combobox', () => {
  it('suggests after a pause, moves with the arrows past what cannot be picked, and picks with Enter', async () => {
    const people = [
      { id: 1, name: 'Ana Pop', taken: true },
      { id: 2, name: 'Ion Ionescu', taken: false },
      { id: 3, name: 'Ioana Marin', taken: false },
    ];
    const search = vi.fn().mockResolvedValue(people);
    const onpick = vi.fn();
    render(Combobox, {
      id: 'person',
      label: 'Persoană',
      search,
      key: (p: (typeof people)[number]) => p.id,
      text: (p: (typeof people)[number]) => p.name,
      unavailable: (p: (typeof people)[number]) => (p.taken ? 'deja înscrisă' : null),
      onpick,
      testid: 'person-search',
      optionTestid: 'person-option',
      delay: 10,
    });
    const input = screen.getByTestId('person-search');
    input.focus();
    await fireEvent.input(input, { target: { value: 'io' } });
    const options = await screen.findAllByTestId('person-option');
    expect(search).toHaveBeenCalledWith('io');
    expect(input).toHaveAttribute('aria-expanded', 'true');
    expect(options[0]).toHaveAttribute('aria-disabled', 'true');
    expect(input).toHaveAttribute('aria-activedescendant', 'person-opt-1');
    await fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(input).toHaveAttribute('aria-activedescendant', 'person-opt-2');
    await fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(input).toHaveAttribute('aria-activedescendant', 'person-opt-1');
    await fireEvent.keyDown(input, { key: 'Enter' });
    expect(onpick).toHaveBeenCalledWith(people[1]);
    expect(input).toHaveAttribute('aria-expanded', 'false');
    expect(input).toHaveValue('');
  });
});
