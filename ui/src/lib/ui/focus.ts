// Keeping the keyboard inside a modal: Tab and Shift+Tab cycle through its controls, focus that
// escapes (a click behind the backdrop, a screen reader's jump) is brought back, and when the
// modal closes the focus returns to where it was — or, when that element is gone (its row was
// deleted), to the page's main area, never to nowhere.
const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Traps the focus in `panel` until the returned function is called. */
export function trapFocus(panel: HTMLElement): () => void {
  const before = document.activeElement as HTMLElement | null;

  function onkeydown(e: KeyboardEvent) {
    if (e.key !== 'Tab') return;
    const list = Array.from(panel.querySelectorAll<HTMLElement>(FOCUSABLE));
    if (list.length === 0) {
      e.preventDefault();
      return;
    }
    const first = list[0];
    const last = list[list.length - 1];
    const here = document.activeElement;
    if (e.shiftKey && (here === first || here === panel)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && here === last) {
      e.preventDefault();
      first.focus();
    }
  }
  function keepInside(e: FocusEvent) {
    if (e.target instanceof Node && !panel.contains(e.target)) panel.focus();
  }

  panel.addEventListener('keydown', onkeydown);
  document.addEventListener('focusin', keepInside);
  return () => {
    panel.removeEventListener('keydown', onkeydown);
    document.removeEventListener('focusin', keepInside);
    const back = before && before !== document.body && document.contains(before) ? before : document.getElementById('main');
    back?.focus();
  };
}
