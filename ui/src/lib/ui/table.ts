// The shapes DataTable and RowActions take: columns and actions are data.
import type { Snippet } from 'svelte';
import type { MessageKey } from '../i18n.svelte';
import type { ConfirmRequest } from './confirm.svelte';

export type Column<T> = {
  /** Names the column (the `{#each}` key and, for a sortable column, the default sort key). */
  key: string;
  /** The header's message key. */
  header: MessageKey;
  /** The header is read by screen readers only (a column of badges or icons). */
  srHeader?: boolean;
  /** Right-aligned tabular figures. */
  num?: boolean;
  /** Sortable: the header becomes a button and `onsort` receives this key (`true`: the `key`). */
  sort?: string | true;
  /** The cell as text (null or empty shows "—")… */
  value?: (row: T) => string | number | null | undefined;
  /** …or as a snippet, for anything richer. */
  cell?: Snippet<[T]>;
  /** The cell is the row's header (`<th scope="row">`). */
  rowHeader?: boolean;
  /** Classes of the header and the cells. */
  class?: string;
  /** data-testid of the cells. */
  testid?: string;
};

export type RowAction = {
  /** The button's text. */
  label: string;
  /** What a screen reader says instead ("Edit Ana Pop" for a row's "Edit"). */
  ariaLabel?: string;
  testid: string;
  /** The button's look: secondary (default), danger, or ghost. */
  kind?: 'secondary' | 'danger' | 'ghost';
  /** The work. With `confirm`, it runs inside the dialog and a refusal stays there. */
  run?: () => unknown;
  /** A link to another page instead of work. */
  href?: string;
  /** Ask first. */
  confirm?: Omit<ConfirmRequest, 'action'>;
  /** After the work succeeded (a reload, a toast). */
  done?: () => unknown;
  /** A toggle that shows something under the row: its state, for aria-expanded. */
  expanded?: boolean;
  disabled?: boolean;
};

export type Sort = { by: string; descending: boolean };

export function sortKey<T>(column: Column<T>): string | null {
  return column.sort === true ? column.key : (column.sort ?? null);
}
