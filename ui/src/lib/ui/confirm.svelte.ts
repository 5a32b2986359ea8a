// The one confirmation: `await confirm({...})` asks in a modal dialog and resolves true when the
// user confirmed (and the action, if any, succeeded) or false when they cancelled. With `action`
// the work runs inside the dialog: the buttons wait while it runs, and when the core refuses, its
// message shows in the dialog, which stays open (the user can correct what they typed, or cancel).
//
//   if (await confirm({ title: t('contact.delete_title'), message: …, danger: true,
//                       action: () => api.deleteContact(c.id) })) toast(t('contact.deleted'));
import type { Snippet } from 'svelte';
import { mountOverlays } from './overlays';

export type ConfirmRequest = {
  title: string;
  message?: string;
  /** The confirming button's text (default: "Delete" for `danger`, else "OK"). */
  confirmLabel?: string;
  cancelLabel?: string;
  /** A destructive action: the confirming button is red. */
  danger?: boolean;
  /** Ask the user to type something (e.g. the record's name) first; `action` receives it. */
  typeToConfirm?: string;
  /** The work, run inside the dialog; a rejection keeps the dialog open with its message. */
  action?: (typed: string) => Promise<unknown>;
  /** More content under the message (e.g. choices); read what it sets in `action`. */
  body?: Snippet;
  /** Whether the confirming button is enabled (e.g. something is chosen in `body`). */
  canConfirm?: () => boolean;
  /** The dialog's data-testid (default "confirm-dialog"). */
  testid?: string;
};

type Pending = ConfirmRequest & { resolve: (confirmed: boolean) => void };

export const confirmState = $state<{ current: Pending | null }>({ current: null });

export function confirm(request: ConfirmRequest): Promise<boolean> {
  mountOverlays();
  // A question still open is answered "no": one dialog at a time.
  confirmState.current?.resolve(false);
  return new Promise((resolve) => {
    confirmState.current = { ...request, resolve };
  });
}

/** Closes the dialog with the answer (the dialog calls this). */
export function settle(confirmed: boolean): void {
  const pending = confirmState.current;
  confirmState.current = null;
  pending?.resolve(confirmed);
}
