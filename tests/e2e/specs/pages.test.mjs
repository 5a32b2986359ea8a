// Every page of the route table (ui/src/lib/routes.json), on the demo database, in Romanian and in
// English: the top bar's title, the breadcrumb and the window title come from the table, and
// axe-core (WCAG 2.1 A and AA rules) finds no serious or critical violation in the real window.
//
// The walk starts at the pages without parameters and follows the links each page shows; a page
// no link reaches (an edit page behind a button) takes the parameters of the page it belongs under.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';

import { byTestId, click, closeApp, freshDbPath, openApp, shown, WAIT } from '../lib/app.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const ROUTES = JSON.parse(readFileSync(join(ROOT, 'ui/src/lib/routes.json'), 'utf8'));
const CATALOGUES = {
  ro: JSON.parse(readFileSync(join(ROOT, 'locales/ro.json'), 'utf8')),
  en: JSON.parse(readFileSync(join(ROOT, 'locales/en.json'), 'utf8')),
};
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// The same matching as ui/src/lib/routes.ts: the first path that matches wins.
const compiled = ROUTES.map((route) => ({
  route,
  regex: new RegExp(
    '^' +
      route.path
        .split('/')
        .map((s) => (s.startsWith(':') ? `(?<${s.slice(1)}>[^/]+)` : s))
        .join('/') +
      '/?$',
  ),
}));

function match(location) {
  for (const { route, regex } of compiled) {
    const m = regex.exec(location);
    if (m) return { route, params: { ...(m.groups ?? {}) } };
  }
  return null;
}

const fill = (path, params) => path.replace(/:(\w+)/g, (_, name) => params[name]);

/** The route's parents' titles and paths, outermost first. */
function crumbs(route, params, lang) {
  const out = [];
  let parent = route.parent;
  while (parent) {
    const above = ROUTES.find((r) => r.path === parent);
    out.unshift({ href: '#' + fill(above.path, params), title: CATALOGUES[lang][above.title] });
    parent = above.parent;
  }
  return out;
}

async function go(browser, location, title) {
  await browser.execute((hash) => {
    window.location.hash = hash;
  }, '#' + location);
  const shownTitle = () => browser.execute(() => document.querySelector('[data-testid="page-title"]')?.textContent?.trim() ?? '');
  await browser
    .waitUntil(async () => (await shownTitle()) === title, WAIT)
    .catch(async () => assert.fail(`${location}: the title should read "${title}", it reads "${await shownTitle()}"`));
  // The page has loaded what it shows: no spinner, nothing busy.
  await browser.waitUntil(
    () => browser.execute(() => !document.querySelector('#main [aria-busy="true"], #main .spinner')),
    { ...WAIT, timeoutMsg: `${location}: the page should finish loading` },
  );
}

async function links(browser) {
  return browser.execute(() =>
    [...document.querySelectorAll('a[href^="#/"]')].map((a) => a.getAttribute('href').slice(1)),
  );
}

/** What axe-core finds in the window: the violations, and how many rules passed (it ran). */
async function axeRun(browser) {
  const loaded = await browser.execute(() => typeof window.axe === 'object');
  if (!loaded) await browser.execute(AXE);
  return browser.execute(
    (tags) =>
      window.axe.run(document, { runOnly: { type: 'tag', values: tags } }).then((r) => ({
        passed: r.passes.length,
        violations: r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`),
        })),
      })),
    WCAG,
  );
}

describe('every page', () => {
  const db = freshDbPath('pages');
  let browser;
  /** One location per route of the table, found on the first walk. */
  const locations = new Map();

  before(async () => {
    browser = await openApp({ db });
    await click(browser, 'setup-demo');
    await shown(browser, 'nav-clusters');
  });

  after(async () => {
    await closeApp(browser);
  });

  async function walk(lang) {
    const catalogue = CATALOGUES[lang];
    const problems = [];
    const minor = new Map();
    let rulesPassed = 0;
    const queue = ROUTES.filter((r) => !r.path.includes(':')).map((r) => r.path);
    const seen = new Set();
    const visit = async (location) => {
      const { route, params } = match(location);
      const title = catalogue[route.title];
      await go(browser, location, title);
      seen.add(route.path);
      if (!locations.has(route.path)) locations.set(route.path, location);

      const shownCrumbs = await browser.execute(() =>
        [...document.querySelectorAll('[data-testid="crumb"]')].map((a) => ({
          href: a.getAttribute('href'),
          title: a.textContent.trim(),
        })),
      );
      assert.deepEqual(shownCrumbs, crumbs(route, params, lang), `${location}: the breadcrumb`);
      assert.equal(await browser.getTitle(), `${title} — ${catalogue['app.name']}`, `${location}: the window title`);

      const axe = await axeRun(browser);
      assert.ok(axe.passed > 0, `${location}: axe-core should have run its rules`);
      rulesPassed += axe.passed;
      for (const v of axe.violations) {
        if (v.impact === 'serious' || v.impact === 'critical') {
          problems.push(`${lang} ${location}: ${v.impact} ${v.id}\n    ${v.nodes.slice(0, 3).join('\n    ')}`);
        } else {
          minor.set(`${v.impact} ${v.id}`, (minor.get(`${v.impact} ${v.id}`) ?? 0) + 1);
        }
      }
      return links(browser);
    };

    if (locations.size === ROUTES.length) {
      for (const location of locations.values()) await visit(location);
    } else {
      for (;;) {
        while (queue.length) {
          const location = queue.shift();
          const m = match(location);
          if (!m || seen.has(m.route.path)) continue;
          for (const href of await visit(location)) {
            const found = match(href.split('?')[0]);
            if (found && !seen.has(found.route.path)) queue.push(href.split('?')[0]);
          }
        }
        // Pages behind buttons: the parameters of the page they belong under.
        for (const route of ROUTES) {
          if (seen.has(route.path) || !route.parent || !locations.has(route.parent)) continue;
          queue.push(fill(route.path, match(locations.get(route.parent)).params));
        }
        if (!queue.length) break;
      }
    }
    console.log(`axe (${lang}): ${seen.size} routes, ${rulesPassed} rule checks passed, ${problems.length} serious or critical`);
    if (minor.size) console.log(`axe (${lang}), moderate and minor, by rule: ${JSON.stringify(Object.fromEntries(minor))}`);
    assert.deepEqual(problems, [], `${lang}: serious or critical accessibility violations:\n${problems.join('\n')}`);
    const missed = ROUTES.filter((r) => !seen.has(r.path)).map((r) => r.path);
    assert.deepEqual(missed, [], `${lang}: every route of the table should be reached`);
  }

  it('in Romanian: right title and breadcrumb, no serious accessibility violation, on every route', async () => {
    await walk('ro');
  });

  it('in English: the same', async () => {
    await click(browser, 'lang-en');
    await walk('en');
  });
});
