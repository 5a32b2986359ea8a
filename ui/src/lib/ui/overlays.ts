// The toast and the confirmation dialog live outside the routed page, mounted once at the end of
// <body> (main.ts does it at start; the services do it on first use, e.g. in a component test).
import { mount } from 'svelte';
import Overlays from './Overlays.svelte';

let mounted: ReturnType<typeof mount> | null = null;

export function mountOverlays(): void {
  if (mounted && document.body.contains(document.getElementById('overlays'))) return;
  const target = document.createElement('div');
  target.id = 'overlays';
  document.body.append(target);
  mounted = mount(Overlays, { target });
}
