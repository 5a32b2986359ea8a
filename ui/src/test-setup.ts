import '@testing-library/jest-dom/vitest';
import { afterEach, beforeEach } from 'vitest';
import { followCore, resetClock } from './lib/clock';

// Every UI test runs at one moment of the app's clock, 27.11.2026 12:00 in Bucharest, whatever
// the real date (a test may move it with followCore). Code that reads the computer's date instead
// of the clock shows under `make date-sweep`.
export const TEST_NOW = '2026-11-27T10:00:00Z';
beforeEach(() => followCore(TEST_NOW));
afterEach(() => resetClock());
