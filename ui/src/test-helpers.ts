// Assertions shared by the component tests: a page's figures as a table of test id → expected.
import { screen } from '@testing-library/svelte';
import { expect } from 'vitest';

/** Each element (by test id) contains its text. */
export function expectTexts(expected: Record<string, string>): void {
  for (const [testid, text] of Object.entries(expected)) expect(screen.getByTestId(testid)).toHaveTextContent(text);
}

/** Each control (by test id) holds its value. */
export function expectValues(expected: Record<string, string>): void {
  for (const [testid, value] of Object.entries(expected)) expect(screen.getByTestId(testid)).toHaveValue(value);
}
