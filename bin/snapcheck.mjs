#!/usr/bin/env node
// Entry point: registers the TypeScript loader (no build step), then runs the CLI.
import { register } from 'tsx/esm/api';

register();
// `snapcheck ... | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
