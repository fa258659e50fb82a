#!/usr/bin/env node
// Entry point. Installed as a package, it runs the compiled CLI in dist/. In snapcheck's own
// checkout (not under node_modules, sources present) it runs the TypeScript sources through tsx,
// so that what runs is what was edited, never a stale build.
import { existsSync } from 'node:fs';

const fromSource = !import.meta.url.includes('/node_modules/') && existsSync(new URL('../src/cli/main.ts', import.meta.url));

// `snapcheck ... | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

let main;
if (fromSource) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
} else {
  ({ main } = await import('../dist/cli/main.js'));
}
process.exitCode = await main(process.argv.slice(2));
