// Suite worker bootstrap: the compiled worker in an installed package's dist/; in snapcheck's
// checkout, the TypeScript worker through tsx.
import { existsSync } from 'node:fs';

const compiled = new URL('./batch-worker.js', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('./batch-worker.ts', import.meta.url).href);
}
