// Run before `npm test` (the pretest script): the diagram and report tests drive a real headless
// Chromium. Debian's /usr/bin/chromium (or SNAPCHECK_CHROMIUM) must be there; when it is missing,
// it is installed with apt where that can work (root, or sudo without a password), else the test
// command stops at once with one line saying how.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

const path = process.env.SNAPCHECK_CHROMIUM ?? '/usr/bin/chromium';
if (!executable(path)) install();

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function install() {
  const how = `install Debian's chromium (sudo apt-get install -y --no-install-recommends chromium), or set SNAPCHECK_CHROMIUM to a Chromium binary`;
  if (process.env.SNAPCHECK_CHROMIUM !== undefined) fail(`SNAPCHECK_CHROMIUM=${path} is not an executable file: ${how}`);
  const root = process.getuid?.() === 0;
  const sudo = !root && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  const apt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!apt || (!root && !sudo)) fail(`npm test needs Chromium for the diagram and report tests, and ${path} is missing: ${how}`);
  const prefix = root ? [] : ['sudo', '-n'];
  const run = (args) => {
    const [command, ...rest] = [...prefix, ...args];
    execFileSync(command, rest, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  };
  console.error(`snapcheck: ${path} is missing; installing Debian's chromium with apt-get (once)`);
  try {
    run(['apt-get', 'update', '-qq']);
    run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'chromium']);
  } catch (error) {
    fail(`installing chromium with apt-get failed (${error.message.split('\n')[0]}): ${how}`);
  }
  if (!executable(path)) fail(`apt-get installed chromium, but ${path} is still missing: ${how}`);
}

function fail(message) {
  console.error(`snapcheck: ${message}`);
  process.exit(1);
}
