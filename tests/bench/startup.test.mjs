// make bench (start-up and memory): the release app, started through tauri-driver under Xvfb by
// tests/e2e/run.mjs, on the databases scripts/bench-startup.sh made. Prints figures; asserts only
// that the list showed (a benchmark, not a timed test).
//
// For each database, BENCH_RUNS starts (default 5): the time from the app process's start (its
// start time in /proc) and from the WebDriver session request to the first rows of the cluster
// list (the app opens on the dashboard; the list is one click away, as for a user), then the PSS
// of the app and its WebKit processes once the list shows and after 10 s idle (the last run).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import { byTestId, closeApp, openApp } from '../e2e/lib/app.mjs';

const RUNS = Number(process.env.BENCH_RUNS || 5);
const IDLE_MS = 10_000;
const DATABASES = [
  ['empty', process.env.BENCH_DB_EMPTY],
  ['5,000 clusters / 100,000 organisations', process.env.BENCH_DB_LARGE],
];
const TICKS = 100; // USER_HZ: /proc/<pid>/stat counts start times in 1/100 s on Linux

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mib = (kib) => (kib / 1024).toFixed(0);

function stat(pid) {
  const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = s.slice(s.lastIndexOf(')') + 2).split(' ');
  return { comm: s.slice(s.indexOf('(') + 1, s.lastIndexOf(')')), ppid: Number(fields[1]), start: Number(fields[19]) };
}

function processes() {
  const out = [];
  for (const ent of readdirSync('/proc')) {
    if (!/^\d+$/.test(ent)) continue;
    try {
      out.push({ pid: Number(ent), ...stat(ent) });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** The newest clusterdesk-app process and the processes under it (WebKit's web and network processes). */
function appTree() {
  const all = processes();
  const app = all.filter((p) => p.comm === 'clusterdesk-app').sort((a, b) => b.start - a.start)[0];
  if (!app) return [];
  const tree = [app];
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) {
      if (!tree.includes(p) && tree.some((t) => t.pid === p.ppid)) {
        tree.push(p);
        grew = true;
      }
    }
  }
  return tree;
}

function pssKiB(pid) {
  try {
    const m = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8').match(/^Pss:\s+(\d+) kB/m);
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function memory() {
  const parts = appTree().map((p) => ({ name: p.comm, kib: pssKiB(p.pid) }));
  const total = parts.reduce((s, p) => s + p.kib, 0);
  return { total, text: `${mib(total)} MiB (${parts.map((p) => `${p.name} ${mib(p.kib)}`).join(', ')})` };
}

const uptimeS = () => Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);

describe('start-up and memory (release build)', () => {
  for (const [label, db] of DATABASES) {
    it(`opens the cluster list: ${label}`, async () => {
      assert.ok(db, 'BENCH_DB_EMPTY and BENCH_DB_LARGE are set by scripts/bench-startup.sh');
      const fromProcess = [];
      const fromRequest = [];
      let shown;
      let idle;
      for (let run = 1; run <= RUNS; run += 1) {
        const requested = performance.now();
        const browser = await openApp({ db });
        try {
          await byTestId(browser, 'nav-clusters').click();
          // The list has shown when its first row, or on an empty database its empty state, is there.
          await browser
            .$('[data-testid="cluster-row-name"], [data-testid="list-empty"]')
            .waitForExist({ timeout: 60_000 });
          const atRows = uptimeS();
          fromRequest.push(performance.now() - requested);
          const app = appTree()[0];
          assert.ok(app, 'the clusterdesk-app process is running');
          fromProcess.push((atRows - app.start / TICKS) * 1000);
          if (run === RUNS) {
            shown = memory();
            await sleep(IDLE_MS);
            idle = memory();
          }
        } finally {
          await closeApp(browser);
        }
      }
      console.log(
        `bench start-up [${label}]: process start → list rows: median ${median(fromProcess).toFixed(0)} ms ` +
          `(runs: ${fromProcess.map((x) => x.toFixed(0)).join(', ')}); from the WebDriver request: median ` +
          `${median(fromRequest).toFixed(0)} ms; target < 1000 ms`,
      );
      console.log(`bench memory [${label}]: PSS once the list shows ${shown.text}`);
      console.log(`bench memory [${label}]: PSS after ${IDLE_MS / 1000} s idle ${idle.text}; target < 150 MiB`);
    });
  }
});
