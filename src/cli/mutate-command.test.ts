// `snapcheck mutate` on bad input: a strategy path that does not exist or does not parse is a
// usage error (exit 2) with a clear message, before any mutant is generated.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from './main.ts';

describe('snapcheck mutate, bad input', () => {
  const errors: string[] = [];
  afterEach(() => {
    errors.length = 0;
    vi.restoreAllMocks();
  });
  const run = async (...argv: string[]) => {
    vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
    return main(['mutate', ...argv], () => {});
  };

  it('exits 2 on a strategy path that does not exist', async () => {
    expect(await run('--strategy', './no/such/strategy.ts')).toBe(2);
    expect(errors.join('\n')).toMatch(/strategy module \.\/no\/such\/strategy\.ts does not exist/);
  });

  it('exits 2 on a strategy module that does not parse, naming the line', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'snapcheck-mutate-')), 'broken.ts');
    writeFileSync(path, 'export const s = {\n  name: "x",\n  createTask( => 1,\n};\n');
    expect(await run('--strategy', path)).toBe(2);
    expect(errors.join('\n')).toMatch(/does not parse: line 3/);
  });

  it('exits 2 on an unknown name, and says how to mutate a canary', async () => {
    expect(await run('--strategy', 'no-align')).toBe(2);
    expect(errors.join('\n')).toMatch(/is a canary: pass its module path/);
  });
});
