// The route table (routes.json): every page's path, its title and the page it belongs under. The
// router, the top bar's title and breadcrumb, the window title and the end-to-end walk over every
// page (tests/e2e/specs/pages.test.mjs) all read it, so a page is declared once. A new page adds
// one line there and its component in src/pages.ts. Order matters: the first path that matches
// wins ("/clusters/new" before "/clusters/:id").
import table from './routes.json';
import { t, type MessageKey } from './i18n.svelte';

export type RouteEntry = {
  /** A svelte-spa-router path: literal segments and `:name` parameters. */
  path: string;
  /** The page's title (the top bar, the window title, its crumb under its children). */
  title: MessageKey;
  /** The path of the page this one belongs under; its parameters are taken from this page's. */
  parent?: string;
};

// JSON gives the titles as plain strings; routes.test.ts checks that each is a catalogue key.
export const ROUTES = table as RouteEntry[];

export type Crumb = { href: string; title: string };

function pattern(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? `(?<${segment.slice(1)}>[^/]+)` : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`);
}

const compiled = ROUTES.map((route) => ({ route, regex: pattern(route.path) }));

/** The route a location shows, with its parameters; null for an unknown page. */
export function matchRoute(location: string): { route: RouteEntry; params: Record<string, string> } | null {
  for (const { route, regex } of compiled) {
    const m = regex.exec(location);
    if (m) return { route, params: { ...(m.groups ?? {}) } };
  }
  return null;
}

/** A path with its `:name` parameters filled. */
export function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/:([A-Za-z_]\w*)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}

/** The title of a location and the pages above it, outermost first. */
export function heading(location: string): { title: string; crumbs: Crumb[] } {
  const match = matchRoute(location);
  if (!match) return { title: t('nav.title.not_found'), crumbs: [] };
  const crumbs: Crumb[] = [];
  let parent = match.route.parent;
  while (parent) {
    const above = ROUTES.find((r) => r.path === parent);
    if (!above) break;
    crumbs.unshift({ href: fillPath(above.path, match.params), title: t(above.title) });
    parent = above.parent;
  }
  return { title: t(match.route.title), crumbs };
}
