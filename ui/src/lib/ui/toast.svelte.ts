// The one toast: a short confirmation ("Saved.", "File written: …") at the window's lower right.
// It lives outside the routed page, so a page can show it and then navigate (a form saves, goes
// to the record, and the record's page shows "Saved."). A newer message replaces the one shown.
// It stays long enough to be read (6 s, more for a long message such as a file path) and while the
// pointer or the focus is on it; it has a close button (data-testid "toast", "toast-close").
import { mountOverlays } from './overlays';

export type ToastKind = 'success' | 'info';

type Shown = { id: number; text: string; kind: ToastKind };

export const toastState = $state<{ current: Shown | null }>({ current: null });

let serial = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let held = false;

/** How long a message stays: 6 s, or its reading time at about 15 characters a second. */
function readingMs(text: string): number {
  return Math.max(6000, text.length * 65);
}

function schedule() {
  clearTimeout(timer);
  const shown = toastState.current;
  if (!shown || held) return;
  timer = setTimeout(() => {
    if (toastState.current?.id === shown.id) toastState.current = null;
  }, readingMs(shown.text));
}

/** Shows `text` as the toast. */
export function toast(text: string, kind: ToastKind = 'success'): void {
  mountOverlays();
  toastState.current = { id: ++serial, text, kind };
  schedule();
}

export function dismissToast(): void {
  clearTimeout(timer);
  toastState.current = null;
}

/** While the pointer or the focus is on the toast it stays; it leaves in full time afterwards. */
export function holdToast(hold: boolean): void {
  held = hold;
  schedule();
}

/** For tests: no toast, nothing held. */
export function resetToast(): void {
  held = false;
  dismissToast();
}
