import { describe, expect, it } from 'vitest';
import ro from '../../../locales/ro.json';
import en from '../../../locales/en.json';
import { pages } from '../pages';
import { setLang, t } from './i18n.svelte';
import { fillPath, heading, matchRoute, ROUTES } from './routes';

// The route table is walked route by route: every page has a component, a title in both
// catalogues, a parent that exists, and the breadcrumb that follows its parents.
describe('the route table', () => {
  it('names the same paths as the components, in the router order', () => {
    expect(ROUTES.map((r) => r.path)).toEqual(Object.keys(pages));
  });

  it('gives every route a title both catalogues have, and a parent that is a route', () => {
    const paths = new Set(ROUTES.map((r) => r.path));
    for (const route of ROUTES) {
      expect(Object.keys(ro), route.path).toContain(route.title);
      expect(Object.keys(en), route.path).toContain(route.title);
      if (route.parent) expect(paths.has(route.parent), `${route.path} → ${route.parent}`).toBe(true);
    }
  });

  it('matches each route to itself, parameters filled, and breadcrumbs follow the parents', () => {
    setLang('ro');
    for (const route of ROUTES) {
      const location = fillPath(route.path, { id: '7' });
      expect(matchRoute(location)?.route.path, location).toBe(route.path);
      const { title, crumbs } = heading(location);
      expect(title).toBe(t(route.title));
      const chain: string[] = [];
      for (let p = route.parent; p; p = ROUTES.find((r) => r.path === p)?.parent) chain.unshift(p);
      expect(crumbs.map((c) => c.href)).toEqual(chain.map((p) => fillPath(p, { id: '7' })));
    }
  });

  it('puts event pages under Events, not Clusters', () => {
    setLang('ro');
    const { title, crumbs } = heading('/events/12/edit');
    expect(title).toBe('Modificarea evenimentului');
    expect(crumbs.map((c) => c.title)).toEqual(['Evenimente și cooperare internațională', 'Eveniment']);
    expect(crumbs.map((c) => c.href)).toEqual(['/events', '/events/12']);
  });

  it('says "not found" for a path outside the table', () => {
    setLang('en');
    expect(heading('/nowhere').title).toBe(t('nav.title.not_found'));
  });
});
