// GitHub annotations from snapcheck results files (--json): one ::error line per failed or errored
// case, naming the suite, the case, its message and its bundle, so a failure shows on the run's
// summary without opening a log. Usage: node ci/annotate.mjs RESULTS.json...
import { existsSync, readFileSync } from 'node:fs';

for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    console.log(`::warning title=snapcheck::${file} was not written (the command stopped before its end?)`);
    continue;
  }
  const results = JSON.parse(readFileSync(file, 'utf8'));
  for (const suite of results.suites ?? []) {
    for (const c of suite.cases ?? []) {
      if (c.status !== 'failed' && c.status !== 'error') continue;
      const bundle = c.bundle === undefined ? '' : ` (bundle ${c.bundle}; ${c.reproduce?.[0] ?? ''})`;
      console.log(`::error title=snapcheck ${results.command}: ${escape(suite.name)} ${escape(c.name)}::${escape(`${c.message ?? c.status}${bundle}`)}`);
    }
  }
  if (results.outcome === 'error') console.log(`::error title=snapcheck ${results.command}::${escape(results.summary)}`);
}

/** Workflow commands end at a newline; % and newlines are escaped as GitHub documents. */
function escape(text) {
  return String(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
