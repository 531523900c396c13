/** A JSON Schema object, as `schemas.ts` builds them. */
type Schema = Record<string, unknown>;

/* The export document (`GET /users/{userId}/export`), written once: the OpenAPI document's
   `UserDataExport` component, and `docs/export.schema.json` (the same schema standing alone,
   for whoever reads an export without the API), both written by `pnpm openapi`. */

const dateTime: Schema = { type: 'string', format: 'date-time' };

const AUDIT_RECORD: Schema = {
  type: 'object',
  description: 'One audited action, as the audit trail keeps it: ids only, never a value of the profile.',
  required: ['time', 'requestId', 'actor', 'actorIsAdmin', 'action', 'target'],
  additionalProperties: false,
  properties: {
    time: { ...dateTime, description: 'When the action was asked for.' },
    requestId: { type: 'string', description: 'The `X-Request-Id` of the request.' },
    actor: { type: 'string', description: "The caller's user id." },
    actorIsAdmin: { type: 'boolean', description: 'Whether the caller acted as an administrator.' },
    action: {
      type: 'string',
      description: 'The operation, as `METHOD /resource`.',
      examples: ['DELETE /users/{userId}'],
    },
    target: {
      type: 'string',
      description:
        "The user acted on, as the trail stores it: this user's keyed pseudonym (`hmac-sha256:<key id>:<hex>`).",
    },
    outcome: { const: 'refused', description: 'On the record of a request answered 403, written once it was refused.' },
    reason: {
      enum: ['forbidden', 'email-not-verified-for-caller'],
      description: 'Why a `refused` request was refused.',
    },
  },
};

const STORED_RESPONSE: Schema = {
  type: 'object',
  description:
    "An `Idempotency-Key` record of this user's requests, kept so that a repeat is answered the same: " +
    'the response it replays, as stored.',
  required: ['idempotencyKey', 'status', 'expiresAt', 'response'],
  additionalProperties: false,
  properties: {
    idempotencyKey: { type: 'string', description: 'The key the client sent.' },
    status: {
      type: 'string',
      enum: ['in-flight', 'completed'],
      description: '`in-flight` while the request runs (nothing kept yet), `completed` once its response is kept.',
    },
    expiresAt: { ...dateTime, description: 'When the record is removed.' },
    response: {
      description: 'The kept response (`null` while in flight): status, replayed headers and body, as stored.',
      oneOf: [
        {
          type: 'object',
          required: ['statusCode', 'headers', 'body'],
          additionalProperties: false,
          properties: {
            statusCode: { type: 'integer' },
            headers: { type: 'object', additionalProperties: { type: 'string' } },
            body: { type: 'string', description: 'The body as sent then (a JSON text, or empty).' },
          },
        },
        { type: 'string', description: 'A kept response of another shape, as stored.' },
        { type: 'null' },
      ],
    },
  },
};

/** The export document, its profile a reference to `profile` (the API's `UserProfile`). */
const exportSchema = (profile: Schema): Schema => ({
  type: 'object',
  description:
    'Everything the service holds about one user: the profile, the stored responses of their requests and the ' +
    'audit records that name them. Values are as stored.',
  required: [
    'userId',
    'exportedAt',
    'profile',
    'storedResponses',
    'auditRecords',
    'auditRecordsSince',
    'auditRecordsTruncated',
  ],
  additionalProperties: false,
  properties: {
    userId: { type: 'string', description: 'Whose data this is.' },
    exportedAt: dateTime,
    profile: { description: 'The profile; `null` when there is none.', oneOf: [profile, { type: 'null' }] },
    storedResponses: { type: 'array', items: STORED_RESPONSE },
    auditRecords: { type: 'array', description: 'Oldest first.', items: AUDIT_RECORD },
    auditRecordsSince: {
      ...dateTime,
      description: 'How far back the audit trail was searched: older records were not looked for.',
    },
    auditRecordsTruncated: {
      type: 'boolean',
      description: 'Whether the search stopped at its limit before the end: more records may exist.',
    },
  },
});

/** The OpenAPI component `UserDataExport`. */
export const EXPORT_SCHEMA: Schema = exportSchema({ $ref: '#/components/schemas/UserProfile' });

/** `docs/export.schema.json`: the export on its own, the profile's schema given as `$defs`. */
export const standaloneExportSchema = (profileSchema: Schema): Schema => ({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://github.com/userprofile/userprofile/docs/export.schema.json',
  title: 'userprofile data export',
  ...exportSchema({ $ref: '#/$defs/UserProfile' }),
  $defs: { UserProfile: profileSchema },
});
