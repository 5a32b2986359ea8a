// What the whole window knows about the running app (filled by App.svelte from api.appStatus()),
// so that pages such as Settings can show the database path and version without asking again.
import type { AppStatus } from './bindings/AppStatus';

export const appState = $state<{ status: AppStatus | null }>({ status: null });
