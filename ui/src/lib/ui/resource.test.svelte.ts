// The loading helper: parameters tracked, only the newest answer kept, failures in words, reload.
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { setLang } from '../i18n.svelte';
import { resource, type Resource } from './resource.svelte';

type Deferred<T> = { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void };
function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}
const settled = () => new Promise((r) => setTimeout(r, 0));

let stop: (() => void) | null = null;
afterEach(() => {
  stop?.();
  stop = null;
  setLang('ro');
});

describe('resource', () => {
  it('asks again when a parameter it reads changes, and keeps only the newest answer', async () => {
    const params = $state({ id: 1 });
    const answers = new Map<number, Deferred<string>>();
    let r!: Resource<string>;
    stop = $effect.root(() => {
      r = resource(() => {
        const d = deferred<string>();
        answers.set(params.id, d);
        return d.promise;
      });
    });
    flushSync();
    expect(r.loading).toBe(true);
    params.id = 2;
    flushSync();
    // The answer for 2 comes first, the late answer for 1 must not replace it.
    answers.get(2)!.resolve('two');
    await settled();
    answers.get(1)!.resolve('one');
    await settled();
    expect(r.data).toBe('two');
    expect(r.loading).toBe(false);
  });

  it('says a failure in words, keeps the data on a failed reload, and succeeds on retry', async () => {
    let next: () => Promise<string> = () => Promise.resolve('first');
    let r!: Resource<string>;
    stop = $effect.root(() => {
      r = resource(() => next());
    });
    flushSync();
    await settled();
    expect(r.data).toBe('first');
    next = () => Promise.reject({ code: 'error.not_found', params: {}, fields: [] });
    await r.reload();
    expect(r.data).toBe('first');
    expect(r.error).toContain('nu mai există');
    expect(r.notFound).toBe(true);
    next = () => Promise.resolve('again');
    await r.reload();
    expect(r.data).toBe('again');
    expect(r.error).toBe('');
  });

  it('clears the data for new parameters unless asked to keep them', async () => {
    const params = $state({ q: 'a' });
    let plain!: Resource<string>;
    let kept!: Resource<string>;
    stop = $effect.root(() => {
      plain = resource(() => Promise.resolve(params.q));
      kept = resource(() => Promise.resolve(params.q), { keep: true });
    });
    flushSync();
    await settled();
    params.q = 'b';
    flushSync();
    expect(plain.data).toBeUndefined();
    expect(kept.data).toBe('a');
    await settled();
    expect(plain.data).toBe('b');
    expect(kept.data).toBe('b');
  });
});
