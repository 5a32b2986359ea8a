// The installed package's app, driven through tauri-driver inside the clean Debian 12 root that
// scripts/package-test.sh makes (run by that script, not by tests/e2e/run.mjs).
//
// PACKAGE_TEST_PHASE=install: the app opens the demo database that the installed command line
// made, the cluster list shows its rows, a new cluster is saved, and after a restart it is there.
// PACKAGE_TEST_PHASE=upgrade: after the upgrade to a package with a new migration, the same
// cluster is still there.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';

import { byTestId, click, closeApp, openApp, rowNames, shown, type, WAIT } from '../e2e/lib/app.mjs';

const PHASE = process.env.PACKAGE_TEST_PHASE;
const DB = process.env.PACKAGE_TEST_DB;
const NAME = 'Clusterul Pachet Instalat Țară';
// Check digit computed with the key 753217532 (sum × 10 mod 11); not a CUI of the demo data.
const CUI = '31415920';

async function listed(browser, search) {
  await click(browser, 'nav-clusters');
  await type(browser, 'cluster-search', search);
  await browser.waitUntil(async () => (await rowNames(browser)).includes(NAME), {
    ...WAIT,
    timeoutMsg: `the list searched for "${search}" should show ${NAME}`,
  });
}

describe(`installed package (${PHASE})`, () => {
  let browser;
  after(async () => {
    await closeApp(browser);
  });

  if (PHASE === 'install') {
    it('shows the demo list, saves a cluster and keeps it across a restart', async () => {
      browser = await openApp({ db: DB });
      await click(browser, 'nav-clusters');
      await browser.waitUntil(async () => (await rowNames(browser)).length > 0, {
        ...WAIT,
        timeoutMsg: 'the demo clusters should be listed',
      });

      await click(browser, 'cluster-new');
      await type(browser, 'field-name', NAME);
      await (await shown(browser, 'field-county')).selectByAttribute('value', 'BV');
      await click(browser, 'field-sector-textiles');
      await type(browser, 'field-cui', CUI);
      await click(browser, 'form-save');
      assert.equal(await (await shown(browser, 'cluster-title')).getText(), NAME);

      await closeApp(browser);
      browser = await openApp({ db: DB });
      await listed(browser, 'tara');
    });
  } else if (PHASE === 'upgrade') {
    it('still has the cluster after the upgrade', async () => {
      browser = await openApp({ db: DB });
      await listed(browser, 'pachet');
      assert.equal(await byTestId(browser, 'app-ready').isDisplayed(), true);
    });
  } else {
    it('is run by scripts/package-test.sh', () => {
      assert.fail(`PACKAGE_TEST_PHASE must be install or upgrade, not ${PHASE}`);
    });
  }
});
