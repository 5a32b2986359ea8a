// Assessments through the real app, on the demo database: a new assessment for a demo cluster, a
// value out of its range refused at the field, finalising refused while values are missing (with
// the list of what is missing), every value filled and the assessment finalised (read-only), then
// the report exported as PDF to CLUSTERDESK_EXPORT_DIR (set by tests/e2e/run.mjs) and read back
// with pdftotext. Then the framework editor makes a new version, the final assessment keeps its
// scores, and the comparison page shows the cluster over the years against the national median.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';

import { byTestId, click, closeApp, freshDbPath, openApp, shown, type, WAIT } from '../lib/app.mjs';

/** Waits until the element shows a text matching `pattern`; returns the text. */
async function textMatching(browser, id, pattern) {
  const el = await shown(browser, id);
  let last = '';
  await browser.waitUntil(async () => pattern.test((last = await el.getText())), {
    ...WAIT,
    timeoutMsg: `[data-testid="${id}"] should match ${pattern} (it reads "${last}")`,
  });
  return last;
}

/** Fills every indicator of the open assessment: numbers 1, yes, the second option of a choice. */
async function fillEverything(browser) {
  const rows = await browser.$$('[data-testid="indicator-row"]');
  assert.equal(rows.length, 67, 'the framework has 67 indicators');
  for (const row of rows) {
    const code = await row.getAttribute('data-code');
    const control = byTestId(browser, `value-${code}`);
    if ((await control.getTagName()).toLowerCase() === 'select') {
      const yes = await control.$('option[value="yes"]');
      if (await yes.isExisting()) await control.selectByAttribute('value', 'yes');
      else await control.selectByIndex(2);
    } else if (!(await control.getValue())) {
      await control.setValue('1');
    }
  }
}

describe('assessments', () => {
  const db = freshDbPath('assessments');
  let browser;
  let finalScores;

  after(async () => {
    await closeApp(browser);
  });

  it('creates, checks, finalises and prints an assessment of a demo cluster', async () => {
    browser = await openApp({ db });
    await shown(browser, 'welcome');
    await click(browser, 'setup-demo');
    await shown(browser, 'dashboard');

    // The list holds the demo's assessments.
    await click(browser, 'nav-assessments');
    await shown(browser, 'assessment-list');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="assessment-row"]')).length > 29, {
      ...WAIT,
      timeoutMsg: 'the demo assessments should be listed',
    });

    // A new assessment of the first cluster, for a year the demo has none.
    await click(browser, 'assessment-new');
    const cluster = await shown(browser, 'new-cluster');
    await browser.waitUntil(async () => (await cluster.$$('option')).length > 40, { ...WAIT, timeoutMsg: 'clusters load' });
    await cluster.selectByIndex(1);
    const clusterName = (await (await cluster.$('option:checked')).getText()).trim();
    await type(browser, 'new-year', '2010');
    await type(browser, 'new-assessor', 'Ioana Mureșan');
    await click(browser, 'new-save');
    await shown(browser, 'assessment-page');
    await textMatching(browser, 'assessment-title', new RegExp(`2010`));

    // Out of range: refused at the field.
    const share = await type(browser, 'value-B1.2', '140');
    await browser.keys('Tab');
    await textMatching(browser, 'value-error-B1.2', /100/);
    await share.clearValue();
    await share.setValue('75');
    await browser.keys('Tab');
    await byTestId(browser, 'value-error-B1.2').waitForExist({ ...WAIT, reverse: true });

    // Finalising with values missing is refused, saying what is missing.
    await type(browser, 'value-B1.1', '40');
    await click(browser, 'assessment-finalise');
    const refusal = await textMatching(browser, 'assessment-refusal', /lipsesc/);
    assert.match(refusal, /65 indicatori/, 'two of 67 values were given');
    await shown(browser, 'value-missing-B1.3');

    // Everything filled: finalised, read-only.
    await fillEverything(browser);
    await click(browser, 'assessment-save');
    await textMatching(browser, 'toast', /salvate/);
    await click(browser, 'assessment-finalise');
    await shown(browser, 'assessment-revise');
    assert.equal(await byTestId(browser, 'value-B1.1').isExisting(), false, 'no inputs on a final assessment');
    const level = await byTestId(browser, 'score-level').getText();
    assert.ok(level.trim().length > 0);
    finalScores = { overall: await byTestId(browser, 'score-overall').getText(), level };

    // The report, written where the test asked, is a PDF naming the cluster.
    await click(browser, 'assessment-export');
    const message = await textMatching(browser, 'toast', /\/\S.*\.pdf/);
    const path = /(\/\S.*\.pdf)/.exec(message)[1];
    assert.ok(existsSync(path), `the exported file exists: ${path}`);
    assert.match(path, /Evaluare_.*_2010\.pdf$/);
    assert.equal(readFileSync(path).subarray(0, 5).toString('latin1'), '%PDF-');
    const text = execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    assert.ok(text.includes(clusterName), `the PDF names ${clusterName}`);
    assert.ok(text.includes('Ioana Mureșan'));
  });

  it('versions the framework on an edit, keeps the final scores, and compares a cluster', async () => {
    assert.ok(finalScores, 'the first test finalised an assessment');
    await click(browser, 'nav-assessments');
    await click(browser, 'assessment-framework-link');
    await shown(browser, 'framework-editor');
    await click(browser, 'framework-edit-B1.1');
    const weight = await shown(browser, 'fw-weight');
    await weight.clearValue();
    await weight.setValue('abc');
    await click(browser, 'fw-save');
    await shown(browser, 'fw-weight-error');
    await weight.clearValue();
    await weight.setValue('9');
    await type(browser, 'fw-note', 'Pondere mărită pentru test');
    await click(browser, 'fw-save');
    await textMatching(browser, 'framework-notice', /versiunea 2/);
    await textMatching(browser, 'framework-versions', /Pondere mărită pentru test/);

    // The assessment finalised with version 1 still shows the scores it was finalised with.
    await click(browser, 'nav-assessments');
    await shown(browser, 'assessment-list');
    await byTestId(browser, 'filter-year').selectByAttribute('value', '2010');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="assessment-row"]')).length === 1, {
      ...WAIT,
      timeoutMsg: 'one assessment of 2010',
    });
    await (await browser.$('[data-testid="assessment-row"] a')).click();
    await shown(browser, 'assessment-page');
    assert.equal(await byTestId(browser, 'score-overall').getText(), finalScores.overall);
    assert.equal(await byTestId(browser, 'score-level').getText(), finalScores.level);

    // The demo's gold cluster over the years, against the national median.
    await click(browser, 'nav-assessments');
    await shown(browser, 'assessment-list');
    const clusters = byTestId(browser, 'filter-cluster');
    const options = await clusters.$$('option');
    let chosen = null;
    for (const option of options) {
      if (/SIBIU IT/.test(await option.getText())) chosen = await option.getAttribute('value');
    }
    assert.ok(chosen, 'the demo has the gold cluster SIBIU IT');
    await clusters.selectByAttribute('value', chosen);
    await click(browser, 'assessment-compare-link');
    await shown(browser, 'assessment-compare');
    await shown(browser, 'compare-chart');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="compare-row"]')).length >= 2, {
      ...WAIT,
      timeoutMsg: 'the gold cluster has at least two final assessments',
    });
    await shown(browser, 'compare-median');
  });
});
