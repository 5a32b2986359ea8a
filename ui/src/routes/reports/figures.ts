// The annual summary's figures as the report writes them (core::summary::compute rounds the same).
import { formatDecimal, formatInteger } from '../../lib/format';

/** A share in hundredths of a percent, as core::summary::compute::rate rounds it. */
export function rate(part: number, whole: number): number {
  return whole <= 0 ? 0 : Math.floor((part * 10_000 * 2 + whole) / (2 * whole));
}

/** Hundredths of a percent as "12,34 %". */
export const percent = (hundredths: number) => `${formatDecimal(hundredths)} %`;

/** The cover's rounding: a whole percent. */
export const wholePercent = (hundredths: number) => `${formatInteger(Math.floor((hundredths + 50) / 100))} %`;
