// Switching the interface language: at once in the window, and remembered in the database.
import { api } from './api';
import type { Lang } from './bindings/Lang';
import { setLang, t } from './i18n.svelte';
import { errorText } from './errors';

/** Sets the language; with `persist` (the default) also saves it. Resolves to an error sentence
 *  when saving failed, null otherwise. */
export async function changeLanguage(next: Lang, persist = true): Promise<string | null> {
  setLang(next);
  if (!persist) return null;
  try {
    await api.setLanguage(next);
    return null;
  } catch (e) {
    return t('common.language_error', { detail: errorText(e) });
  }
}
