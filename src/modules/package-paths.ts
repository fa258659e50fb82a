// Where snapcheck itself is: the package root, the folder its running code was loaded from (src/
// through tsx in the checkout, the compiled dist/ when installed), and the entry points a user's
// module reaches as `snapcheck` and `snapcheck/<subpath>`. A user's module must get the running
// copy of snapcheck, never a second one, so that both share module instances.
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The folder the harness runs from: src/ (from source) or dist/ (installed). */
export const RUNNING_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const PACKAGE_ROOT = resolve(RUNNING_DIR, '..');
/** The TypeScript sources: the same folder as RUNNING_DIR when running from source. */
export const SOURCE_DIR = join(PACKAGE_ROOT, 'src');
export const RUNNING_FROM_SOURCE = RUNNING_DIR === SOURCE_DIR;
const EXTENSION = RUNNING_FROM_SOURCE ? '.ts' : '.js';

/** The package's subpath exports, as modules under RUNNING_DIR (package.json `exports` agrees). */
const SUBPATHS: Readonly<Record<string, string>> = { '': 'index', '/vitest': 'vitest/index' };

/** The running file for `snapcheck` or `snapcheck/<subpath>`, or null for another specifier. */
export function snapcheckEntry(specifier: string): string | null {
  const match = /^snapcheck(\/.*)?$/.exec(specifier);
  if (match === null) return null;
  const module = SUBPATHS[match[1] ?? ''];
  return module === undefined ? null : join(RUNNING_DIR, module + EXTENSION);
}

export function snapcheckEntryUrl(specifier: string): string | null {
  const path = snapcheckEntry(specifier);
  return path === null ? null : pathToFileURL(path).href;
}

/** The file the running harness loaded for a snapcheck source or compiled file (itself when from source). */
export function runningTwin(path: string): string {
  for (const dir of [SOURCE_DIR, join(PACKAGE_ROOT, 'dist')]) {
    if (!path.startsWith(dir + sep) || dir === RUNNING_DIR) continue;
    return join(RUNNING_DIR, relative(dir, path)).replace(/\.(ts|js)$/, EXTENSION);
  }
  return path;
}
