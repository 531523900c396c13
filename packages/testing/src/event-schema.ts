import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

const SCHEMA_PATH = join(__dirname, '..', '..', '..', 'docs', 'events', 'user-profile-event.schema.json');

/**
 * Checks an event, as a rule's target receives it (the EventBridge envelope), against the
 * committed schema `docs/events/user-profile-event.schema.json`; the errors say why it fails.
 */
export function userProfileEventSchemaErrors(envelope: unknown): string[] {
  if (!validate(envelope)) return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
  return [];
}

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object);

/** An EventBridge envelope around `detailType` and `detail`, as a target would receive it. */
export function eventBridgeEnvelope(
  detailType: string,
  detail: unknown,
  source = 'userprofile',
): Record<string, unknown> {
  return {
    version: '0',
    id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    'detail-type': detailType,
    source,
    account: '123456789012',
    time: '2026-11-24T10:00:07Z',
    region: 'eu-west-1',
    resources: [],
    detail,
  };
}
