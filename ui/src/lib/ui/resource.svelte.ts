// The one way to load what a page shows. `resource(fetch)` calls `fetch` when the component starts
// and again whenever a value `fetch` reads before its first `await` changes (the page's `id`, a
// filter): the parameters are tracked like a `$derived`. Only the newest answer is kept, so a slow
// answer to an old question never replaces a newer one. A failure becomes a sentence in the user's
// language (`error`, `notFound`), `reload()` asks again (the Retry button of <Loading>), and the
// data stay on screen while a reload runs.
//
//   const cluster = resource(() => api.getCluster(id));
//   <Loading resource={cluster} testid="detail">{#snippet children(detail)}…{/snippet}</Loading>
//
// Create it while a component starts (it uses an effect). Read nothing of the resource itself
// inside `fetch`, or it would run again on its own answer.
import { untrack } from 'svelte';
import { errorText, isNotFound } from '../errors';

export type ResourceOptions = {
  /** Keep the last data while new parameters load (a list being filtered), instead of clearing
   *  them (a page showing another record). */
  keep?: boolean;
};

export class Resource<T> {
  /** The newest answer; undefined before the first. */
  data = $state<T | undefined>(undefined);
  /** Whether a question is out. */
  loading = $state(true);
  /** The last failure as a sentence; '' after a success. */
  error = $state('');
  /** The last failure said the record does not exist. */
  notFound = $state(false);

  #fetch: () => Promise<T>;
  #keep: boolean;
  #seq = 0;

  constructor(fetch: () => Promise<T>, options: ResourceOptions = {}) {
    this.#fetch = fetch;
    this.#keep = options.keep ?? false;
    $effect(() => {
      const answer = this.#ask();
      untrack(() => this.#settle(answer, true));
    });
  }

  #ask(): Promise<T> {
    try {
      return this.#fetch();
    } catch (e) {
      return Promise.reject(e);
    }
  }

  async #settle(answer: Promise<T>, fresh: boolean): Promise<void> {
    const mine = ++this.#seq;
    this.loading = true;
    if (fresh && !this.#keep) {
      this.data = undefined;
      this.error = '';
      this.notFound = false;
    }
    try {
      const value = await answer;
      if (mine !== this.#seq) return;
      this.data = value;
      this.error = '';
      this.notFound = false;
    } catch (e) {
      if (mine !== this.#seq) return;
      this.error = errorText(e);
      this.notFound = isNotFound(e);
    } finally {
      if (mine === this.#seq) this.loading = false;
    }
  }

  /** Asks again with the current parameters; resolves when the answer is in. */
  reload = (): Promise<void> => this.#settle(untrack(() => this.#ask()), false);

  /** Replaces the data by hand (an answer a save returned). */
  set(value: T): void {
    ++this.#seq;
    this.data = value;
    this.error = '';
    this.notFound = false;
    this.loading = false;
  }
}

export function resource<T>(fetch: () => Promise<T>, options?: ResourceOptions): Resource<T> {
  return new Resource(fetch, options);
}
