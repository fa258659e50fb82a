// Test helper: validate snapcheck's outputs against their published schemas, as a CI tool would:
// JSON with ajv (draft 2020-12) against schemas/*.schema.json, JUnit XML with libxml2 (xmllint,
// as WebAssembly) against schemas/junit.xsd.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { validateXML } from 'xmllint-wasm';

const SCHEMAS_DIR = join(import.meta.dirname, '..', '..', 'schemas');

/** The problems ajv finds (empty when the document is valid). */
export function jsonSchemaProblems(schemaFile: string, document: unknown): string[] {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(JSON.parse(readFileSync(join(SCHEMAS_DIR, schemaFile), 'utf8')) as object);
  if (validate(document)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(document)'} ${e.message ?? ''}`);
}

/** The problems xmllint finds in a JUnit document (empty when it is valid). */
export async function junitProblems(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: [{ fileName: 'results.xml', contents: xml }], schema: [readFileSync(join(SCHEMAS_DIR, 'junit.xsd'), 'utf8')] });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}
