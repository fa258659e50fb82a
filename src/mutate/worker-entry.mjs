// Worker thread bootstrap. tsx is registered first in every mode: a mutant of a user's module
// imports the user's unchanged TypeScript files. Then the worker proper: compiled (an installed
// package's dist/) or TypeScript (snapcheck's checkout).
import { existsSync } from 'node:fs';
import { register } from 'tsx/esm/api';

register();
const compiled = new URL('./worker.js', import.meta.url);
await import(existsSync(compiled) ? compiled.href : new URL('./worker.ts', import.meta.url).href);
