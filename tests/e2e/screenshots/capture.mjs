// `make screenshots`: the README's pictures, taken from the real app on the demo database, so
// that they are regenerated rather than kept by hand. Run through ../run.mjs (which starts the
// app under Xvfb); each picture is the X display captured with ImageMagick's `import` and cut to
// the window (WebKitWebDriver's own screenshot drops the connection now and then after many
// pages). Writes docs/screenshot-*.png.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';

import { click, closeApp, freshDbPath, openApp, shown, WAIT } from '../lib/app.mjs';

const DOCS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'docs');
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const ROUTES = JSON.parse(readFileSync(join(ROOT, 'ui/src/lib/routes.json'), 'utf8'));
const CATALOGUES = {
  ro: JSON.parse(readFileSync(join(ROOT, 'locales/ro.json'), 'utf8')),
  en: JSON.parse(readFileSync(join(ROOT, 'locales/en.json'), 'utf8')),
};
const WIDTH = 1360;
const HEIGHT = 860;

/** The title the top bar shows on `location` (the route table's, as ui/src/lib/routes.ts matches it). */
function titleOf(location, lang) {
  const route = ROUTES.find((r) => new RegExp(`^${r.path.replace(/:\w+/g, '[^/]+')}$`).test(location));
  return CATALOGUES[lang][route.title];
}

/** Opens `location` and waits until the page is there and has loaded what it shows. */
async function go(browser, location, lang = 'ro') {
  await browser.execute((hash) => {
    window.location.hash = hash;
  }, '#' + location);
  const title = titleOf(location, lang);
  await browser.waitUntil(
    () =>
      browser.execute(
        (expected) =>
          document.querySelector('[data-testid="page-title"]')?.textContent?.trim() === expected &&
          !!document.querySelector('#main > *') &&
          !document.querySelector('#main [aria-busy="true"], #main .spinner'),
        title,
      ),
    { ...WAIT, timeoutMsg: `${location} should show "${title}" and finish loading` },
  );
  // Let a chart's transition end before the picture.
  await browser.pause(600);
}

/** The first link of the page whose address starts with `prefix` followed by a number. */
async function firstLink(browser, prefix) {
  const href = await browser.execute(
    (p) => [...document.querySelectorAll('a[href^="#"]')].map((a) => a.getAttribute('href').slice(1)).find((h) => new RegExp(`^${p}\\d+$`).test(h)),
    prefix,
  );
  if (!href) throw new Error(`no link to ${prefix}N on this page`);
  return href;
}

async function capture(browser, name) {
  // WebKitGTK updates the X window lazily: a resize makes it paint the page as it is now.
  await browser.setWindowRect(0, 0, WIDTH - 1, HEIGHT);
  await browser.setWindowRect(0, 0, WIDTH, HEIGHT);
  await browser.pause(800);
  const { x, y, width, height } = await browser.getWindowRect();
  const file = join(DOCS, `screenshot-${name}.png`);
  execFileSync('import', ['-window', 'root', '-crop', `${width}x${height}+${Math.max(0, x)}+${Math.max(0, y)}`, '+repage', file]);
  console.log(`wrote ${file}`);
}

describe('screenshots', () => {
  let browser;

  before(async () => {
    browser = await openApp({ db: freshDbPath('screenshots') });
    await browser.setWindowRect(0, 0, WIDTH, HEIGHT);
    await click(browser, 'setup-demo');
    await shown(browser, 'nav-clusters');
  });

  after(async () => {
    await closeApp(browser);
  });

  it('takes the pictures of the README, in Romanian and in English', async () => {
    const pages = [];
    for (const [name, location] of [
      ['dashboard', '/'],
      ['clusters', '/clusters'],
      ['reports', '/reports'],
    ]) {
      await go(browser, location);
      await capture(browser, name);
      if (name === 'clusters') pages.push(['cluster', await firstLink(browser, '/clusters/')]);
    }
    await go(browser, '/assessments');
    pages.push(['assessment', await firstLink(browser, '/assessments/')]);
    await go(browser, '/events');
    pages.push(['event', await firstLink(browser, '/events/')]);
    await go(browser, '/trainings');
    pages.push(['training-session', await firstLink(browser, '/trainings/sessions/')]);
    for (const [name, location] of pages) {
      await go(browser, location);
      await capture(browser, name);
    }

    await click(browser, 'lang-en');
    await go(browser, '/', 'en');
    await capture(browser, 'dashboard-en');
    await go(browser, pages[0][1], 'en');
    await capture(browser, 'cluster-en');
  });
});
