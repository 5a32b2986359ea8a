import { describe, expect, it } from 'vitest';
import type { FundingCall } from '../../lib/bindings/FundingCall';
import { bulletinInput, bulletinValues, doneShare, draftForCall } from './bulletins';

describe('bulletin form values', () => {
  it('reads back the input it was made from, roles split on commas', () => {
    const values = bulletinValues(null);
    values.call_ids = ['3', '7'];
    values.events_days = ' 14 ';
    values.audience.roles = 'director, manager ;';
    const input = bulletinInput(values);
    expect(input.call_ids).toEqual([3, 7]);
    expect(input.events_days).toBe(14);
    expect(input.audience.roles).toEqual(['director', 'manager']);
    expect(bulletinInput(bulletinValues(input))).toEqual(input);
  });

  it('starts a draft for a call with its regions, sectors and the labels from its minimum', () => {
    const call = {
      id: 5, title_ro: 'Apel pentru clustere', title_en: '', regions: ['centru'], sectors: ['it'], min_label: 'silver',
    } as unknown as FundingCall;
    const draft = draftForCall(call);
    expect(draft.call_ids).toEqual([5]);
    expect(draft.subject_en).toBe('Apel pentru clustere');
    expect(draft.audience).toMatchObject({ regions: ['centru'], sectors: ['it'], labels: ['silver', 'gold'] });
  });

  it('counts what no longer waits as done', () => {
    expect(doneShare({ total: 4, queued: 1, sent: 2, failed: 1, cancelled: 0 })).toBe(75);
    expect(doneShare({ total: 0, queued: 0, sent: 0, failed: 0, cancelled: 0 })).toBe(100);
  });
});
