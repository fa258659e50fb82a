// File output that never leaves a half-written file behind: write a temporary sibling (created
// exclusively, flushed to disk), then rename it over the target, which is atomic on one file system.
// A reader sees the old file or the new one, never a mixture.
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Bundle } from './bundle.ts';
import { formatBundle } from './bundle-format.ts';
import { parseBundleText, type BundleCheck } from './bundle-schema.ts';

let temporaries = 0;

export function writeFileAtomically(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${++temporaries}.tmp`);
  const fd = openSync(temporary, 'wx');
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

export function writeBundleFile(path: string, bundle: Bundle): void {
  writeFileAtomically(path, formatBundle(bundle));
}

/** Read and validate a bundle file; a missing or unreadable file is a problem like any other. */
/** The bundle files (`*.json`) of a directory such as properties/regressions/, by name. */
export function bundleFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
}

export function readBundleFile(path: string): BundleCheck {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { ok: false, problem: `cannot read it: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  return parseBundleText(text);
}

/** The conventional file name of a suite's counterexample bundle. */
export function bundleFileName(strategy: string, property: string, seed: number | null): string {
  const safe = strategy.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^[._]+/, '');
  return `${safe || 'strategy'}-${property}${seed === null ? '' : `-seed${seed}`}.json`;
}
