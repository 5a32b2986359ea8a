// The app starts on a new database, shows its UI and is called ClusterDesk.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { byTestId, closeApp, freshDbPath, openApp } from '../lib/app.mjs';

describe('smoke', () => {
  let browser;

  before(async () => {
    browser = await openApp({ db: freshDbPath('smoke') });
  });

  after(async () => {
    await closeApp(browser);
  });

  it('displays the app root once loaded', async () => {
    assert.equal(await byTestId(browser, 'app-ready').isDisplayed(), true);
  });

  it('has a window title containing "ClusterDesk"', async () => {
    const title = await browser.getTitle();
    assert.ok(title.includes('ClusterDesk'), `document title is ${JSON.stringify(title)}`);
  });
});
