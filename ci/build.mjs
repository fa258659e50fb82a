// The package build (npm run build, and prepack): src/ to dist/ with tsc (tsconfig.build.json), and
// the plain-JavaScript worker bootstraps copied beside their compiled neighbours. (The JSON Schemas
// in schemas/ are committed: `npm run schemas` writes them, a test keeps them current.)
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const started = performance.now();

rmSync(join(root, 'dist'), { recursive: true, force: true });
// Everything to stderr: `npm pack --json` runs this first, and its stdout must stay JSON.
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: ['ignore', 2, 2] });
for (const file of walk(join(root, 'src')).filter((f) => f.endsWith('.mjs'))) {
  const target = join(root, 'dist', relative(join(root, 'src'), file));
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(file, target);
}
console.error(`built dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s`);

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]));
}
