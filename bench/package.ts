// The package as a user meets it, measured (`node --import tsx bench/package.ts`): the tarball's
// size; install time and size in an empty project, with an empty npm cache (everything from the
// registry) and with a warm one; `snapcheck --help` latency next to a bare `node -e 0` (the floor
// any Node CLI pays); and `snapcheck run` wall time for the same seed with --workers 1 and
// --workers 2 (which print the same result). Medians; figures go to bench/last-package.json.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProject, folderBytes, pack, REPO, type Project } from '../ci/user-project.ts';
import { median } from './measure.ts';

const quick = process.argv.includes('--quick');
const HELP_REPETITIONS = quick ? 3 : 15;
const RUN_REPETITIONS = quick ? 1 : 3;
const RUN_ARGS = ['run', '--seed', '7', '--no-progress', ...(quick ? ['--runs', '300'] : [])];

function timed(work: () => void): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

function install(tarball: string, cache: string | null): { ms: number; project: Project } {
  let project: Project | null = null;
  const ms = timed(() => {
    const previous = process.env.npm_config_cache;
    if (cache !== null) process.env.npm_config_cache = cache;
    try {
      project = createProject(tarball);
    } finally {
      if (previous === undefined) delete process.env.npm_config_cache;
      else process.env.npm_config_cache = previous;
    }
  });
  return { ms, project: project! };
}

function latency(command: string, args: readonly string[], cwd: string): number {
  const samples = Array.from({ length: HELP_REPETITIONS }, () => timed(() => execFileSync(command, [...args], { cwd, stdio: 'ignore' })));
  return median(samples);
}

function runWall(project: Project, workers: number): { ms: number; summary: string } {
  let summary = '';
  const samples = Array.from({ length: RUN_REPETITIONS }, () =>
    timed(() => {
      const out = spawnSync(process.execPath, [join(project.dir, 'node_modules', 'snapcheck', 'bin', 'snapcheck.mjs'), ...RUN_ARGS, '--workers', String(workers)], { cwd: project.dir, encoding: 'utf8' });
      summary = out.stdout.trim().split('\n').pop()!.replace(/, [\d.]+ s$/, '');
    }),
  );
  return { ms: median(samples), summary };
}

const packed = pack();
const cold = install(packed.tarball, mkdtempSync(join(tmpdir(), 'snapcheck-npm-cache-')));
const warm = install(packed.tarball, null);
const project = warm.project;
const modules = join(project.dir, 'node_modules');
const installBytes = folderBytes(modules);
const ownBytes = folderBytes(join(modules, 'snapcheck'));
const bin = join(modules, 'snapcheck', 'bin', 'snapcheck.mjs');
const helpMs = latency(process.execPath, [bin, '--help'], project.dir);
const nodeMs = latency(process.execPath, ['-e', '0'], project.dir);
const npxHelpMs = latency('npx', ['snapcheck', '--help'], project.dir);
const serial = runWall(project, 1);
const parallel = runWall(project, 2);

const figures = {
  tarballKiB: Math.round(packed.bytes / 1024),
  installColdCacheS: +(cold.ms / 1000).toFixed(1),
  installWarmCacheS: +(warm.ms / 1000).toFixed(1),
  installMiB: +(installBytes / 2 ** 20).toFixed(1),
  snapcheckItselfMiB: +(ownBytes / 2 ** 20).toFixed(1),
  helpMs: Math.round(helpMs),
  npxHelpMs: Math.round(npxHelpMs),
  bareNodeMs: Math.round(nodeMs),
  run: { args: RUN_ARGS.join(' '), cores: availableParallelism(), workers1S: +(serial.ms / 1000).toFixed(1), workers2S: +(parallel.ms / 1000).toFixed(1), speedup: +(serial.ms / parallel.ms).toFixed(2), sameResult: serial.summary === parallel.summary, summary: serial.summary },
};
console.log(`tarball                    ${figures.tarballKiB} KiB`);
console.log(`install, empty npm cache   ${figures.installColdCacheS} s; warm cache ${figures.installWarmCacheS} s`);
console.log(`installed node_modules     ${figures.installMiB} MiB (snapcheck itself ${figures.snapcheckItselfMiB} MiB)`);
console.log(`snapcheck --help           ${figures.helpMs} ms (npx snapcheck --help ${figures.npxHelpMs} ms; bare node -e 0 ${figures.bareNodeMs} ms)`);
console.log(`snapcheck ${figures.run.args}: --workers 1 ${figures.run.workers1S} s, --workers 2 ${figures.run.workers2S} s (x${figures.run.speedup} on ${figures.run.cores} cores; same result: ${figures.run.sameResult})`);
console.log(`  ${figures.run.summary}`);
writeFileSync(join(REPO, 'bench', 'last-package.json'), `${JSON.stringify(figures, null, 2)}\n`);
