// The published JSON Schemas are the zod schemas the code parses with: schemas/ must be current,
// and real files (a bundle, a scenario, a workload, results) must validate against them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderJsonSchemas } from './json-schemas.ts';

const SCHEMAS_DIR = join(import.meta.dirname, '..', '..', 'schemas');

describe('schemas/', () => {
  it.each(Object.entries(renderJsonSchemas()))('%s is current (npm run schemas writes it)', (file, text) => {
    expect(readFileSync(join(SCHEMAS_DIR, file), 'utf8')).toBe(text);
  });
});
