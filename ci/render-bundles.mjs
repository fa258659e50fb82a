// The space-time diagram of every counterexample bundle in a folder, written beside it as
// BUNDLE.html (replay --html), so the uploaded artifact can be read in a browser at once.
// Usage: node ci/render-bundles.mjs DIR
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? '.snapcheck/counterexamples';
const bundles = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json') && isBundle(join(dir, f))) : [];
for (const file of bundles) {
  const path = join(dir, file);
  const html = path.replace(/\.json$/, '.html');
  // Exit 1 (reproduced) and 3 (diverged) still write the diagram; 2 means the bundle is unreadable.
  const replay = spawnSync(process.execPath, ['bin/snapcheck.mjs', 'replay', path, '--html', html], { stdio: ['ignore', 'ignore', 'inherit'] });
  console.log(`${replay.status === 2 ? 'could not render' : 'rendered'} ${path}${replay.status === 2 ? '' : ` -> ${html}`}`);
}
console.log(`${bundles.length} bundle(s) in ${dir}`);

function isBundle(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8')).format === 'snapcheck-bundle';
  } catch {
    return true; // a damaged bundle: replay names the problem
  }
}
