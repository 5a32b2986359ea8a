// The dashboard and the annual report through the real app, on the demo database, with the app's
// clock started at 01.01.2027 00:30 in Bucharest (still 31.12.2026 in UTC): the dashboard
// (the home page) shows the demo's label counts; the Reports page previews the new year and
// exports it as PDF — written to the folder CLUSTERDESK_EXPORT_DIR that tests/e2e/run.mjs gives the
// app, its path shown in the toast — whose `pdftotext` output carries the year, the association's
// name and the number of member clusters the preview shows; and as XLSX (a zip: "PK").
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';

import { byTestId, click, closeApp, freshDbPath, openApp, shown, waitForText } from '../lib/app.mjs';

// The demo's seed is fixed: its label counts (crates/core/src/demo.rs checks the same).
const DEMO_LABELS = { gold: '1', silver: '3', bronze: '25' };
// Half an hour into 2027 in Bucharest: the year the app must call "this year".
const NEW_YEARS_NIGHT = '2027-01-01T00:30';

/** Exports through the button and returns the path the toast shows (ending in `extension`). */
async function exportFile(browser, id, extension) {
  await click(browser, id);
  const pattern = new RegExp(`(/\\S.*\\.${extension})\\b`);
  const message = await waitForText(
    browser,
    'toast',
    (t) => pattern.test(t),
    `show the path of the .${extension} written (is CLUSTERDESK_EXPORT_DIR set for the app by tests/e2e/run.mjs?)`,
  );
  const path = pattern.exec(message)[1];
  assert.ok(existsSync(path), `the exported file exists: ${path}`);
  return path;
}

describe('dashboard and annual report', () => {
  const db = freshDbPath('reports');
  let browser;

  after(async () => {
    await closeApp(browser);
  });

  it('shows the demo figures on the dashboard and exports the annual report as PDF and XLSX', async () => {
    browser = await openApp({ db, args: ['--now', NEW_YEARS_NIGHT] });
    const year = '2027';

    // First start with the demo data: the home page is the dashboard.
    await shown(browser, 'welcome');
    await click(browser, 'setup-demo');
    await shown(browser, 'dashboard');
    assert.equal(await byTestId(browser, 'nav-dashboard').getAttribute('aria-current'), 'page');
    for (const [level, count] of Object.entries(DEMO_LABELS)) {
      await waitForText(browser, `dash-label-${level}`, (t) => t === count, `be ${count}`);
    }
    assert.match(await byTestId(browser, 'dash-unpaid-total').getText(), /lei$/);

    // Reports: the current year by default, previewed.
    await click(browser, 'nav-reports');
    const select = await shown(browser, 'reports-year');
    assert.equal(await select.getValue(), year, 'the current year is chosen');
    await waitForText(browser, 'reports-title', (t) => t.includes(year), `name the year ${year}`);
    const membersEnd = await waitForText(browser, 'reports-members-end', (t) => /^\d+$/.test(t) && t !== '0', 'be a number');
    assert.equal(await byTestId(browser, 'reports-labels-gold').getText(), DEMO_LABELS.gold);
    assert.equal(await byTestId(browser, 'reports-labels-bronze').getText(), DEMO_LABELS.bronze);

    // The PDF: its text names the year, the association and the members at year end.
    const pdf = await exportFile(browser, 'reports-export-pdf', 'pdf');
    assert.equal(readFileSync(pdf).subarray(0, 5).toString('latin1'), '%PDF-', 'a PDF file');
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    assert.ok(text.includes(year), `the PDF names the year ${year}`);
    assert.ok(text.includes('CLUSTERO'), 'the PDF names the association');
    const membersLine = text.split('\n').find((line) => /Clustere membre la 01\.01\.2027/.test(line) && /\d\s*$/.test(line));
    assert.ok(membersLine, `the PDF has the row of the members at year end:\n${text.slice(0, 1500)}`);
    assert.equal(/(\d+)\s*$/.exec(membersLine)[1], membersEnd, `the PDF's members at year end (${membersLine.trim()})`);

    // The XLSX: a zip file.
    const xlsx = await exportFile(browser, 'reports-export-xlsx', 'xlsx');
    assert.equal(readFileSync(xlsx).subarray(0, 2).toString('latin1'), 'PK', 'an XLSX (zip) file');
  });
});
