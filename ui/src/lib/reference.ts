// The reference lists (counties, regions, sectors, statuses, label levels) change only with a new
// version of the app, so they are fetched once per window and shared by every screen.
import { api } from './api';
import type { ReferenceData } from './bindings/ReferenceData';

let cached: Promise<ReferenceData> | null = null;

export function referenceData(): Promise<ReferenceData> {
  if (!cached) {
    cached = api.referenceData();
    // A failure is not cached: the next screen asks again.
    cached.catch(() => {
      cached = null;
    });
  }
  return cached;
}

/** For tests: forget the cached lists. */
export function resetReferenceCache(): void {
  cached = null;
}
