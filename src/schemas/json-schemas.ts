// JSON Schemas of every file format snapcheck reads or writes, generated from the zod schemas that
// parse them (so the published schema is the one the code enforces), for editors and CI tools.
// schemas/ holds them in the repository and the package; `npm run schemas` writes them, and a test
// fails when they are out of date.
import { z } from 'zod';
import { workloadFileSchema } from '../compare/workload-file.ts';
import { resultsSchema } from '../results/results.ts';
import { scenarioSchema } from '../scenario/scenario-schema.ts';
import { bundleSchema } from '../trace/bundle-schema.ts';

const BASE_ID = 'https://snapcheck.dev/schemas/';

export const JSON_SCHEMAS: Readonly<Record<string, { readonly schema: z.ZodType; readonly title: string }>> = {
  'results.schema.json': { schema: resultsSchema, title: 'snapcheck results (run, check, replay, tla, compare, merge: --json)' },
  // The parser reads a bundle's scenario with the scenario's own parser; the schema says so too.
  'bundle.schema.json': { schema: bundleSchema.extend({ scenario: scenarioSchema }), title: 'snapcheck counterexample bundle' },
  'scenario.schema.json': { schema: scenarioSchema, title: 'snapcheck scenario' },
  'workload.schema.json': { schema: workloadFileSchema, title: 'snapcheck workload file (compare --workload)' },
};

/** Each schema file's text, by file name. */
export function renderJsonSchemas(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(JSON_SCHEMAS).map(([file, { schema, title }]) => {
      const json = z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' });
      return [file, `${JSON.stringify({ ...json, $id: `${BASE_ID}${file}`, title }, null, 2)}\n`];
    }),
  );
}
