// snapcheck as its users get it: packed, installed with a plain `npm install` into an empty ESM
// project, then used from its CLI, a loose strategy file, plain node, the user's own vitest suite
// and the user's own strict tsc, on Node 20 (this machine's) and on Node 22 and 24 (from the npm
// registry). Each check prints one line; the first failure ends the script with exit code 1.
// Run by .ci/run: node --import tsx ci/package-check.ts [--nodes 20,22,24]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchemaProblems, junitProblems } from '../src/results/test-validate.ts';
import { createProject, npm, pack, REPO, registryNode, sh, writeFiles, type Project } from './user-project.ts';

const VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
const nodes = (process.argv.find((a) => a.startsWith('--nodes='))?.slice('--nodes='.length) ?? '20,22,24').split(',').map(Number);

let failures = 0;
function check(what: string, ok: boolean, detail = ''): void {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${ok || detail === '' ? '' : `\n     ${detail.split('\n').slice(0, 30).join('\n     ')}`}`);
  if (!ok) failures++;
}

/** A user's strategy: the worked example, importing a runtime value from snapcheck as users do. */
const EXAMPLE = readFileSync(join(REPO, 'examples', 'tracking-aligned.ts'), 'utf8');
const LOOSE_STRATEGY = `${EXAMPLE}\nimport { NO_EFFECTS } from 'snapcheck';\nexport const noEffects = NO_EFFECTS.length;\n`;

const USER_FILES: Readonly<Record<string, string>> = {
  'strategies/tracking-aligned.ts': EXAMPLE,
  'test/verify.test.ts': ["import { verifyStrategy } from 'snapcheck/vitest';", '', "verifyStrategy('./strategies/tracking-aligned.ts', { runs: 200 });", ''].join('\n'),
  'test/canary.test.ts': ["import { verifyStrategy } from 'snapcheck/vitest';", '', "// A canary: snapshots on the first barrier, so the suite must fail with a diagnosis.", "verifyStrategy('no-align', { runs: 300, seed: 7 });", ''].join('\n'),
  'src/typed.ts': [
    "import { runSuite, findStrategy, type CheckpointStrategy, type Effect, type SuiteResult } from 'snapcheck';",
    "import { assertStrategy, type VerifyOptions } from 'snapcheck/vitest';",
    "import mine from '../strategies/tracking-aligned.js';",
    '',
    'const strategy: CheckpointStrategy = mine;',
    "const none: readonly Effect[] = [];",
    "const options: VerifyOptions = { runs: 10, seed: 1 };",
    "export const result: SuiteResult = runSuite(findStrategy('aligned') ?? strategy, { runs: 10, seed: 1 });",
    'export const pending: Promise<SuiteResult> = assertStrategy(strategy, { ...options, module: new URL(import.meta.url) });',
    'export const count: number = none.length;',
    '',
  ].join('\n'),
  'tsconfig.json': `${JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        noImplicitOverride: true,
        skipLibCheck: false,
        noEmit: true,
        types: ['node'],
      },
      include: ['src', 'test', 'strategies'],
    },
    null,
    2,
  )}\n`,
  'plain.mjs': [
    "import { runSuite, findStrategy, TOOL_VERSION } from 'snapcheck';",
    "const result = runSuite(findStrategy('aligned'), { runs: 30, seed: 1 });",
    "if (result.counterexample !== null || result.runsChecked !== 30) process.exit(1);",
    "console.log(`plain node: snapcheck ${TOOL_VERSION}, ${result.runsChecked} scenarios`);",
    '',
  ].join('\n'),
  'plain.cjs': ["const { findStrategy } = require('snapcheck');", "if (findStrategy('aligned')?.guarantee !== 'exactly-once') process.exit(1);", "console.log('require: ok');", ''].join('\n'),
};

function cliChecks(project: Project, node: number): void {
  const actual = sh(project, 'node', ['--version']).stdout.trim();
  check(`[node ${node}] the project runs node ${actual}`, actual.startsWith(`v${node}.`), actual);
  const help = sh(project, 'npx', ['snapcheck', '--help']);
  check(`[node ${node}] npx snapcheck --help`, help.status === 0 && help.stdout.includes('Usage:') && help.stdout.includes('snapcheck merge'), help.stderr);
  const version = sh(project, 'npx', ['snapcheck', '--version']);
  check(`[node ${node}] npx snapcheck --version prints ${VERSION}`, version.status === 0 && version.stdout.trim() === VERSION, version.stdout + version.stderr);
  const run = sh(project, 'npx', ['snapcheck', 'run', '--runs', '50', '--no-progress', '--json', 'run.json', '--junit', 'run.xml']);
  check(`[node ${node}] npx snapcheck run --runs 50 (every built-in strategy)`, run.status === 0 && /^7 strategies, \d+ properties hold, /m.test(run.stdout), run.stdout.slice(-2000) + run.stderr);
  writeFiles(join(project.dir, '..'), { [`loose-${node}/tracking-aligned.ts`]: LOOSE_STRATEGY });
  const loose = sh(project, 'npx', ['snapcheck', 'run', '--strategy', `../loose-${node}/tracking-aligned.ts`, '--runs', '100', '--no-progress']);
  check(`[node ${node}] a strategy file in a folder without package.json`, loose.status === 0 && loose.stdout.includes('tracking-aligned (declares exactly-once)'), loose.stdout.slice(-1500) + loose.stderr);
  const plain = sh(project, 'node', ['plain.mjs']);
  check(`[node ${node}] import from plain node`, plain.status === 0 && plain.stdout.includes('30 scenarios'), plain.stdout + plain.stderr);
  const required = sh(project, 'node', ['plain.cjs']);
  check(`[node ${node}] require() from CommonJS`, required.status === 0, required.stdout + required.stderr);
}

function vitestChecks(project: Project, node: number): void {
  const vitest = sh(project, 'npx', ['vitest', 'run', '--reporter=json', '--outputFile=vitest.json']);
  type VitestReport = { testResults: { name: string; status: string; assertionResults: { status: string; failureMessages: string[] }[] }[] };
  let report: VitestReport | null = null;
  try {
    report = JSON.parse(readFileSync(join(project.dir, 'vitest.json'), 'utf8')) as VitestReport;
  } catch {
    report = null;
  }
  const file = (name: string) => report?.testResults.find((r) => r.name.endsWith(name));
  const passing = file('verify.test.ts');
  check(`[node ${node}] vitest: verifyStrategy passes for the user's strategy`, passing?.status === 'passed', vitest.stdout.slice(-2000) + vitest.stderr.slice(-2000));
  const canary = file('canary.test.ts');
  const message = canary?.assertionResults[0]?.failureMessages.join('\n') ?? '';
  check(
    `[node ${node}] vitest: the canary fails with the diagnosis in its message`,
    vitest.status === 1 && canary?.status === 'failed' && message.includes('no-align violates cut-consistency') && message.includes('VIOLATED: cut-consistency') && message.includes('replay: npx snapcheck replay .snapcheck/counterexamples/no-align-cut-consistency-seed7.json'),
    message.slice(0, 1500) || vitest.stdout.slice(-1500),
  );
}

async function outputChecks(project: Project): Promise<void> {
  const results = JSON.parse(readFileSync(join(project.dir, 'run.json'), 'utf8')) as unknown;
  const problems = jsonSchemaProblems('results.schema.json', results);
  check('run --json validates against schemas/results.schema.json', problems.length === 0, problems.join('\n'));
  const xmlProblems = await junitProblems(readFileSync(join(project.dir, 'run.xml'), 'utf8'));
  check('run --junit validates against schemas/junit.xsd', xmlProblems.length === 0, xmlProblems.join('\n'));
  const bundle = JSON.parse(readFileSync(join(project.dir, '.snapcheck', 'counterexamples', 'no-align-cut-consistency-seed7.json'), 'utf8')) as { scenario: unknown };
  const bundleProblems = jsonSchemaProblems('bundle.schema.json', bundle);
  check("the canary's bundle validates against schemas/bundle.schema.json", bundleProblems.length === 0, bundleProblems.join('\n'));
  const scenarioProblems = jsonSchemaProblems('scenario.schema.json', bundle.scenario);
  check('its scenario validates against schemas/scenario.schema.json', scenarioProblems.length === 0, scenarioProblems.join('\n'));
  const workload = JSON.parse(readFileSync(join(project.dir, 'node_modules', 'snapcheck', 'examples', 'workloads', 'clicks-join.json'), 'utf8')) as unknown;
  const workloadProblems = jsonSchemaProblems('workload.schema.json', workload);
  check('the example workload validates against schemas/workload.schema.json', workloadProblems.length === 0, workloadProblems.join('\n'));
  const replay = sh(project, 'npx', ['snapcheck', 'replay', '.snapcheck/counterexamples/no-align-cut-consistency-seed7.json', '--html', 'ce.html', '--reporter', 'junit']);
  const junitOk = replay.status === 1 && replay.stdout.startsWith('<?xml') && (await junitProblems(replay.stdout)).length === 0;
  check("replay of the vitest canary's bundle reproduces, its JUnit alone on stdout", junitOk, replay.stdout.slice(0, 500) + replay.stderr.slice(-1000));
}

/** The rest of README's commands, on the bundle the vitest canary left. */
function readmeCommands(project: Project): void {
  const bundle = '.snapcheck/counterexamples/no-align-cut-consistency-seed7.json';
  const checked = sh(project, 'npx', ['snapcheck', 'check', bundle]);
  check('snapcheck check BUNDLE: the violation, exit 1', checked.status === 1 && checked.stdout.includes('cut-consistency        VIOLATED'), checked.stdout.slice(-800) + checked.stderr);
  const shrunk = sh(project, 'npx', ['snapcheck', 'shrink', bundle]);
  check('snapcheck shrink BUNDLE writes BUNDLE.shrunk.json', shrunk.status === 0 && existsSync(join(project.dir, bundle.replace(/\.json$/, '.shrunk.json'))), shrunk.stdout.slice(-800) + shrunk.stderr);
  const pinned = sh(project, 'npx', ['snapcheck', 'pin', bundle, '--dir', 'test/regressions']);
  check('snapcheck pin BUNDLE --dir test/regressions says how to replay it', pinned.status === 0 && pinned.stdout.includes("replayPinned('test/regressions')"), pinned.stdout + pinned.stderr);
  writeFiles(project.dir, { 'test/regressions.test.ts': "import { replayPinned } from 'snapcheck/vitest';\n\nreplayPinned('test/regressions');\n" });
  const replayed = sh(project, 'npx', ['vitest', 'run', 'test/regressions.test.ts']);
  check('vitest: replayPinned replays the pin (the canary still fails, as pinned)', replayed.status === 0 && /1 passed/.test(replayed.stdout), replayed.stdout.slice(-1500) + replayed.stderr.slice(-500));
  const compared = sh(project, 'npx', ['snapcheck', 'compare', '--strategies', 'aligned,unaligned', '--workload', 'steady', '--seeds', '2', '--no-progress', '--html', 'report.html']);
  check('snapcheck compare --html', compared.status === 0 && existsSync(join(project.dir, 'report.html')), compared.stdout.slice(-800) + compared.stderr);
  const tla = sh(project, 'npx', ['snapcheck', 'tla', 'AlignedSnapshotOnFirstBarrier', 'ChandyLamportMC', '--no-progress']);
  check("snapcheck tla: the package's own specs with the embedded engine", tla.status === 0 && tla.stdout.includes('2 configs match the manifest'), tla.stdout.slice(-800) + tla.stderr);
}

function typeCheck(project: Project): void {
  const tsc = sh(project, 'npx', ['tsc', '-p', 'tsconfig.json']);
  check("the user's tsc --noEmit: strict, exactOptionalPropertyTypes, NodeNext, no skipLibCheck: zero errors", tsc.status === 0 && tsc.stdout.trim() === '', tsc.stdout + tsc.stderr);
}

function mutateChecks(project: Project): void {
  const without = sh(project, 'npx', ['snapcheck', 'mutate', '--strategy', './strategies/tracking-aligned.ts']);
  check('mutate without ts-morph: one line naming what to install, exit 2', without.status === 2 && /^snapcheck: mutation testing needs ts-morph \(typescript and ts-morph are optional peer dependencies of snapcheck\): npm install --save-dev typescript ts-morph$/.test(without.stderr.trim()), without.stderr);
  npm(project.dir, project.env, ['install', '--no-audit', '--no-fund', '--loglevel=error', 'ts-morph@^28']);
  const mutate = sh(project, 'npx', ['snapcheck', 'mutate', '--strategy', './strategies/tracking-aligned.ts', '--runs', '20', '--no-progress', '--json', 'mutation.json']);
  const report = mutate.status === 0 ? (JSON.parse(readFileSync(join(project.dir, 'mutation.json'), 'utf8')) as { results: { outcome: { status: string } }[] }) : null;
  const killed = report?.results.filter((m) => m.outcome.status === 'killed').length ?? 0;
  check(`mutate with ts-morph installed: the user's strategy, ${killed} mutants killed`, mutate.status === 0 && killed > 10, mutate.stdout.slice(0, 1500) + mutate.stderr);
}

const packed = pack();
console.log(`packed ${packed.tarball} (${(packed.bytes / 1024).toFixed(0)} KiB)`);
for (const node of nodes) {
  const nodeBin = node === 20 ? null : registryNode(node);
  const project = createProject(packed.tarball, ['vitest@^4', 'typescript@^5', '@types/node@^20'], nodeBin);
  writeFiles(project.dir, USER_FILES);
  cliChecks(project, node);
  vitestChecks(project, node);
  if (node === nodes[0]) {
    await outputChecks(project);
    readmeCommands(project);
    typeCheck(project);
    mutateChecks(project);
  }
}
writeFileSync(join(REPO, 'coverage', 'package-check.txt'), `${failures} failure(s)\n`);
if (failures > 0) {
  console.log(`${failures} package check(s) failed`);
  process.exit(1);
}
console.log('every package check passed');
