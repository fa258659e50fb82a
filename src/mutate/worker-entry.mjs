// Worker thread bootstrap: mutants and the suites are TypeScript, so register tsx first (as
// bin/snapcheck.mjs does), then start the worker proper.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
