import { NEW_USER_ID_PATTERN, PHONE_NUMBER_PATTERN, USER_ID_PATTERN } from '@userprofile/domain';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';

import { PROBLEM_KINDS, problemType, type ProblemKind } from '../contract/problems';
import type { ResponseSchema } from '../routes';
import { BODY_DTOS, QUERY_DTOS } from './dto-classes';
import { EXPORT_SCHEMA, standaloneExportSchema } from './export-schema';

/* The schemas of the document: request shapes from the DTOs' class-validator metadata, the
   rules from the domain's patterns; what neither can say is stated here, once. */

export type Schema = Record<string, unknown>;

export const REF = '#/components/schemas/';
export const ref = (name: string): Schema => ({ $ref: `${REF}${name}` });

/** What the query DTO's decorators cannot say about a parameter. */
const LIMIT_DOC = 'Page size, 1 to 100 (configurable); default 20.';
const CURSOR_DOC = '`nextCursor` of the previous page, as given.';
export const QUERY_DOCS: Readonly<Record<string, string>> = { limit: LIMIT_DOC, cursor: CURSOR_DOC };

/** What the DTOs' decorators cannot say about a field. */
const FIELD_DOCS: Readonly<Record<string, Schema>> = {
  userId: {
    description:
      "The owner's id (the token's `sub`). In a create body: administrators only, to create someone else's profile; " +
      'never an email address or a phone number (no `@`, `.` or `+`): an `@` is refused with 400.',
    pattern: NEW_USER_ID_PATTERN,
  },
  email: {
    description: 'A valid address of at most 254 characters; stored trimmed and lower-cased.',
    format: 'email',
    maxLength: 254,
    examples: ['ada@example.com'],
  },
  firstName: { description: '1 to 100 characters after trimming, no control characters.', examples: ['Ada'] },
  lastName: { description: '1 to 100 characters after trimming, no control characters.', examples: ['Lovelace'] },
  phoneNumber: {
    description:
      'E.164: `+` then 8 to 15 digits, the first not 0. `null` or absent: none (in an update, `null` clears it).',
    pattern: PHONE_NUMBER_PATTERN,
    examples: ['+447700900123'],
    type: ['string', 'null'],
  },
  // The paging fields of a lookup's body read as the list's query parameters do.
  limit: { description: LIMIT_DOC, minimum: 1, examples: [20] },
  cursor: { description: `${CURSOR_DOC} Continues only the lookup that issued it.` },
};

/** The DTO schemas by class name, body fields completed with their docs; none takes unknown fields. */
export function dtoSchemas(): Record<string, Schema> {
  const all = validationMetadatasToSchemas({ refPointerPrefix: REF }) as Record<string, Schema>;
  const schemaOf = (dto: new () => object, docs: Readonly<Record<string, Schema>>): [string, Schema] => {
    const schema = all[dto.name] ?? { type: 'object', properties: {} };
    const properties = Object.fromEntries(
      Object.entries((schema.properties ?? {}) as Record<string, Schema>).map(([name, property]) => {
        const { not: _notNull, ...rest } = property;
        return [name, { ...rest, ...docs[name] }];
      }),
    );
    return [dto.name, { ...schema, properties, additionalProperties: false }];
  };
  return Object.fromEntries([
    ...Object.values(BODY_DTOS).map((dto) => schemaOf(dto, FIELD_DOCS)),
    ...Object.values(QUERY_DTOS).map((dto) => schemaOf(dto, {})),
  ]);
}

const PROFILE_SCHEMA: Schema = {
  type: 'object',
  required: ['userId', 'email', 'firstName', 'lastName', 'phoneNumber', 'createdAt', 'updatedAt', 'version'],
  properties: {
    // A stored id may still be a legacy one (an address, even) until `pnpm migrate` re-keys it.
    userId: {
      type: 'string',
      description:
        "The owner's id (the token's `sub`); a profile of the original stack may keep a legacy id until migrated.",
      pattern: USER_ID_PATTERN,
    },
    email: { type: 'string', ...FIELD_DOCS.email },
    firstName: { type: 'string', ...FIELD_DOCS.firstName },
    lastName: { type: 'string', ...FIELD_DOCS.lastName },
    phoneNumber: FIELD_DOCS.phoneNumber,
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    version: {
      type: 'integer',
      minimum: 1,
      description: 'Starts at 1, grows by 1 on every change; the ETag is `"<version>.<incarnation>"`.',
    },
  },
};

const PROBLEM_SCHEMA: Schema = {
  type: 'object',
  description: 'RFC 9457 problem details.',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', enum: Object.keys(PROBLEM_KINDS).map((kind) => problemType(kind as ProblemKind)) },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};

/** The response schemas the route table names, and the problem shape. */
export const RESPONSE_SCHEMAS: Readonly<Record<ResponseSchema | 'Problem', Schema>> = {
  UserProfile: PROFILE_SCHEMA,
  ProfilePage: {
    type: 'object',
    required: ['items', 'nextCursor'],
    properties: {
      items: { type: 'array', items: ref('UserProfile') },
      nextCursor: {
        type: ['string', 'null'],
        description: 'Pass as `cursor` for the next page; null on the last.',
      },
    },
  },
  UserDataExport: EXPORT_SCHEMA,
  Problem: PROBLEM_SCHEMA,
};

/** `docs/export.schema.json`: the export document's schema on its own, with the profile's. */
export const exportJsonSchema = (): Schema => standaloneExportSchema(PROFILE_SCHEMA);
