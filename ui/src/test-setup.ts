import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/svelte';
import { afterEach, beforeEach } from 'vitest';
import { followCore, resetClock } from './lib/clock';
import { setLang } from './lib/i18n.svelte';
import { settle } from './lib/ui/confirm.svelte';
import { resetToast } from './lib/ui/toast.svelte';

// Every UI test runs at one moment of the app's clock, 27.11.2026 12:00 in Bucharest, whatever
// the real date (a test may move it with followCore). Code that reads the computer's date instead
// of the clock shows under `make date-sweep`.
export const TEST_NOW = '2026-11-27T10:00:00Z';
// …in Romanian, the app's first language (a test may switch to English), on an empty page.
beforeEach(() => {
  followCore(TEST_NOW);
  setLang('ro');
});
// The toast and the dialog live outside the rendered component: each test starts without them.
afterEach(() => {
  cleanup();
  resetClock();
  resetToast();
  settle(false);
});
