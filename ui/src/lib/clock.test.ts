import { afterEach, describe, expect, it, vi } from 'vitest';
import { followCore, localDateTime, now, resetClock, thisMonth, thisYear, today } from './clock';

afterEach(() => {
  resetClock();
  vi.useRealTimers();
});

describe('clock', () => {
  it('says today as the day in Bucharest, not in UTC or the computer zone', () => {
    followCore('2026-12-31T21:30:00Z'); // 31.12.2026 23:30 in Bucharest
    expect(today()).toBe('2026-12-31');
    expect(thisYear()).toBe(2026);
    followCore('2026-12-31T22:30:00Z'); // 01.01.2027 00:30 in Bucharest
    expect(today()).toBe('2027-01-01');
    expect(thisYear()).toBe(2027);
    expect(thisMonth()).toEqual({ year: 2027, month: 1 });
  });

  it('knows the leap day and both clock changes', () => {
    followCore('2028-02-29T21:59:00Z'); // 23:59 on the leap day
    expect(today()).toBe('2028-02-29');
    followCore('2028-02-29T22:00:00Z');
    expect(today()).toBe('2028-03-01');
    // Summer time (UTC+3) from 28.03.2027 04:00; winter time (UTC+2) from 31.10.2027 03:00.
    followCore('2027-03-28T21:30:00Z');
    expect(today()).toBe('2027-03-29');
    followCore('2027-10-31T21:30:00Z');
    expect(today()).toBe('2027-10-31');
  });

  it("runs on from the core's moment, and reads the computer's clock only when asked", () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-06-01T10:00:00Z'));
    followCore('2029-05-05T09:00:00Z');
    vi.setSystemTime(new Date('2026-06-01T11:00:00Z'));
    expect(now().toISOString()).toBe('2029-05-05T10:00:00.000Z');
    resetClock();
    expect(today()).toBe('2026-06-01');
  });

  it('shows stored UTC stamps in Bucharest time', () => {
    expect(localDateTime('2026-12-31T22:30:00Z')).toEqual({ date: '2027-01-01', time: '00:30' });
    expect(localDateTime('2027-07-01T09:05:00Z')).toEqual({ date: '2027-07-01', time: '12:05' });
    expect(localDateTime('not a stamp')).toBeNull();
  });
});
