// Text helpers for the window's own filtering (the cluster search itself runs in the core).

/** Lower case without diacritics: "Brașov" and "brasov" compare equal, as do ş/ș and ţ/ț. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
