// `--since GIT_REF`: the lines of each file changed since a ref (committed or not). A file git does
// not track is new: all of it changed.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';

export type ChangedLines = { readonly ok: true; readonly lines: ReadonlyMap<string, ReadonlySet<number>> } | { readonly ok: false; readonly problem: string };

function git(args: string[], cwd: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function changedLinesSince(ref: string, files: readonly string[]): ChangedLines {
  const lines = new Map<string, ReadonlySet<number>>();
  for (const file of files) {
    const cwd = dirname(file);
    try {
      git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd);
    } catch {
      return { ok: false, problem: `--since: "${ref}" is not a commit of the git repository at ${cwd}` };
    }
    const changed = isTracked(file, cwd) ? diffLines(git(['diff', '--unified=0', '--no-color', ref, '--', file], cwd)) : allLines(file);
    if (changed.size > 0) lines.set(file, changed);
  }
  return { ok: true, lines };
}

function isTracked(file: string, cwd: string): boolean {
  try {
    git(['ls-files', '--error-unmatch', file], cwd);
    return true;
  } catch {
    return false;
  }
}

function allLines(file: string): Set<number> {
  const count = readFileSync(file, 'utf8').split('\n').length;
  return new Set(Array.from({ length: count }, (_, i) => i + 1));
}

/** New-side line numbers of every hunk; a pure deletion marks the lines around the gap. */
export function diffLines(diff: string): Set<number> {
  const lines = new Set<number>();
  for (const match of diff.matchAll(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/gm)) {
    const start = Number(match[1]);
    const count = match[2] === undefined ? 1 : Number(match[2]);
    if (count === 0) [start, start + 1].forEach((line) => lines.add(line));
    for (let line = start; line < start + count; line++) lines.add(line);
  }
  return lines;
}
