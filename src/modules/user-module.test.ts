// User modules load from anywhere: every extension, folders with and without a package.json, with
// and without "type": "module"; `snapcheck` resolves to the running copy; every failure is one line
// that names the file and what to do.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_EFFECTS } from '../strategies/strategy.ts';
import { loadUserModule } from './user-module.ts';

function folder(packageJson: object | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'snapcheck-module-'));
  if (packageJson !== null) writeFileSync(join(dir, 'package.json'), JSON.stringify(packageJson));
  return dir;
}

function file(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

const ESM_WITH_LOCAL_IMPORT = (ext: string) => [`import { answer } from './helper${ext}';`, `import { NO_EFFECTS } from 'snapcheck';`, 'export const value: number = answer;', 'export const empty = NO_EFFECTS;'].join('\n');

describe('loadUserModule', () => {
  it.each([
    ['.ts', null],
    ['.ts', { name: 'cjs-project' }],
    ['.ts', { type: 'module' }],
    ['.mts', null],
    ['.js', { type: 'commonjs' }],
    ['.js', { type: 'module' }],
    ['.mjs', null],
  ])('loads a %s module (package.json %j) with a local import and snapcheck, sharing the running instance', async (ext, pkg) => {
    const dir = folder(pkg);
    const helperExt = ext === '.mts' ? '.mts' : ext === '.mjs' ? '.mjs' : ext;
    file(dir, `helper${helperExt}`, ext.includes('ts') ? 'export const answer: number = 42;' : 'export const answer = 42;');
    const source = ESM_WITH_LOCAL_IMPORT(helperExt).replace(': number', ext.includes('ts') ? ': number' : '');
    const loaded = await loadUserModule(file(dir, `strategy${ext}`, source));
    expect(loaded.exports.value).toBe(42);
    expect(loaded.exports.empty).toBe(NO_EFFECTS);
    expect(loaded.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(loaded.files).toHaveLength(2);
  });

  it('loads a CommonJS module (module.exports) as its default export', async () => {
    const dir = folder(null);
    const loaded = await loadUserModule(file(dir, 'plain.cjs', "const path = require('node:path'); module.exports = { sep: path.sep };"));
    expect(loaded.exports.default).toEqual({ sep: '/' });
  });

  it('sees its own location through import.meta.url', async () => {
    const dir = folder(null);
    const path = file(dir, 'where.ts', 'export const url = import.meta.url;');
    const loaded = await loadUserModule(path);
    expect(loaded.exports.url).toMatch(/^file:\/\//);
  });

  it.each([
    ['a missing file', null, 'missing.ts', /^m does not exist$/],
    ['a folder', 'folder', 'sub', /^m is not a regular file$/],
    ['another extension', 'export {}', 'strategy.json', /^m has extension "\.json"; a module must end in \.ts, \.mts/],
    ['a syntax error', 'export const x = ;', 'broken.ts', /^m does not compile: .*broken\.ts:1:18: Unexpected ";"$/],
    ['an uninstalled package', "import leftpad from 'no-such-package-here'; export default leftpad;", 'needs.ts', /^m does not compile: .*needs\.ts:1:21: cannot find package "no-such-package-here": install it where this file can resolve it \(npm install no-such-package-here\)$/],
    ['a throw at load', "const ready = false;\nif (!ready) throw new Error('no database here');\nexport {};", 'throws.ts', /^m threw while loading: Error: no database here \(.*throws\.ts:2\)$/],
  ])('reports %s in one line', async (_what, source, name, message) => {
    const dir = folder(null);
    let path = join(dir, name);
    if (source === 'folder') mkdirSync(path);
    else if (source !== null) path = file(dir, name, source);
    const error = await loadUserModule(path, 'm').then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.name).toBe('ModuleLoadError');
    expect(error?.message.split('\n')).toHaveLength(1);
    expect(error?.message).toMatch(message);
  });
});
