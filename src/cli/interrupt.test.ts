import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomically } from '../trace/files.ts';
import { Interrupted, withSignalsHeld } from './interrupt.ts';

describe('withSignalsHeld', () => {
  it('returns the work’s result when no signal arrives', async () => {
    expect(await withSignalsHeld(() => 42)).toBe(42);
    expect(process.listenerCount('SIGINT')).toBe(0);
  });

  it('lets a write that a SIGINT interrupts finish whole, then reports the interruption', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'snapcheck-interrupt-'));
    const file = join(dir, 'bundle.json');
    const written = withSignalsHeld(() => {
      process.kill(process.pid, 'SIGINT');
      writeFileAtomically(file, 'complete');
    });
    await expect(written).rejects.toThrow(Interrupted);
    expect(existsSync(file) && readFileSync(file, 'utf8')).toBe('complete');
    expect(readdirSync(dir)).toEqual(['bundle.json']);
    expect(process.listenerCount('SIGINT')).toBe(0);
  });
});
