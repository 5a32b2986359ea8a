// The one way to run a button's work outside a form (an export, a setup): which work is running
// (`running`: disable the buttons, show a spinner), and its failure as a sentence (`error`). A
// second click while something runs is ignored. An export's written path becomes a toast; a closed
// save dialog (null) says nothing.
//
//   const exports = task<'csv' | 'pdf'>();
//   <button disabled={exports.busy} onclick={() => exports.export('pdf', () => api.exportPdf(id), (path) => t('x.saved', { path }))}>
//   {#if exports.error}<p class="alert alert-error" role="alert">{exports.error}</p>{/if}
import { errorText } from '../errors';
import { toast } from './toast.svelte';

export class Task<K extends string = string> {
  running = $state<K | null>(null);
  error = $state('');

  get busy(): boolean {
    return this.running !== null;
  }

  /** Runs `work` unless something runs already; true when it succeeded. */
  run = async (kind: K, work: () => Promise<unknown>): Promise<boolean> => {
    if (this.running !== null) return false;
    this.running = kind;
    this.error = '';
    try {
      await work();
      return true;
    } catch (e) {
      this.error = errorText(e);
      return false;
    } finally {
      this.running = null;
    }
  };

  /** Runs an export that answers the path written (null: the save dialog was closed). */
  export = (kind: K, work: () => Promise<string | null>, saved: (path: string) => string): Promise<boolean> =>
    this.run(kind, async () => {
      const path = await work();
      if (path) toast(saved(path));
    });
}

export function task<K extends string = string>(): Task<K> {
  return new Task<K>();
}
