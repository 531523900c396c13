import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

const SCHEMA_PATH = join(__dirname, '..', '..', '..', 'docs', 'export.schema.json');

/**
 * Checks an export document (`GET /users/{userId}/export`'s body) against the committed schema
 * `docs/export.schema.json`; the errors say why it fails, none when it conforms.
 */
export function userDataExportSchemaErrors(document: unknown): string[] {
  if (!validate(document)) return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
  return [];
}

// Union types (`["string", "null"]`) are how the profile's schema says "or null".
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object);
