import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBundle } from './bundle.ts';
import { bundleFileName, readBundleFile, writeBundleFile, writeFileAtomically } from './files.ts';
import { builtIn, NO_ALIGN_LOST } from './test-fixtures.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'snapcheck-files-'));

describe('writeFileAtomically', () => {
  it('creates the directory, replaces the file whole and leaves no temporary file', () => {
    const root = dir();
    const path = join(root, 'a', 'b', 'out.txt');
    writeFileAtomically(path, 'first');
    writeFileAtomically(path, 'second');
    expect(readFileSync(path, 'utf8')).toBe('second');
    expect(readdirSync(join(root, 'a', 'b'))).toEqual(['out.txt']);
  });
});

describe('bundle files', () => {
  it('round-trip, and a missing or damaged file is a problem, not an exception', () => {
    const path = join(dir(), 'b.json');
    const bundle = createBundle({ strategy: builtIn('no-align'), strategyRef: { kind: 'built-in', name: 'no-align' }, scenario: NO_ALIGN_LOST, property: 'cut-consistency', search: null, createdBy: 'test' });
    writeBundleFile(path, bundle);
    const read = readBundleFile(path);
    expect(read.ok && read.bundle.checksum).toBe(bundle.checksum);
    expect(readBundleFile(join(dir(), 'absent.json'))).toEqual({ ok: false, problem: 'cannot read it: ENOENT' });
    writeFileSync(path, readFileSync(path, 'utf8').slice(0, 100));
    expect(readBundleFile(path).ok).toBe(false);
  });

  it('are named after strategy, property and seed, safely', () => {
    expect(bundleFileName('no-align', 'cut-consistency', 7)).toBe('no-align-cut-consistency-seed7.json');
    expect(bundleFileName('../my strat', 'liveness', null)).toBe('my_strat-liveness.json');
  });
});
