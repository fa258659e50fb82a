// `npm run schemas`: write the JSON Schemas into the folder given (schemas/).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderJsonSchemas } from './json-schemas.ts';

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: write.ts DIR');
mkdirSync(dir, { recursive: true });
for (const [file, text] of Object.entries(renderJsonSchemas())) writeFileSync(join(dir, file), text);
console.log(`wrote ${Object.keys(renderJsonSchemas()).length} schemas to ${dir}`);
