import type { APIGatewayProxyEvent } from 'aws-lambda';
import fc from 'fast-check';

import type { RouteDefinition } from '../../../src/routes';
import { CANARY, TEST_ISSUERS } from '@userprofile/testing';

/** Ids the fuzzed app holds profiles for, so that some requests reach a stored profile. */
export const SEEDED_IDS = ['owner-1', 'victim-1', 'other-2'] as const;
export const ALLOWED_ORIGIN = 'https://admin.example.com';

/** Keys that would pollute a prototype if a parser or mapper assigned them naively. */
export const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype'] as const;
const PROFILE_FIELDS = ['userId', 'email', 'firstName', 'lastName', 'phoneNumber'] as const;
const SERVER_FIELDS = ['version', 'createdAt', 'updatedAt', 'isAdmin', 'cognito:groups', 'sub'] as const;

const unicode = fc.string({ unit: 'binary', maxLength: 40 });
const anyText = fc.oneof(
  fc.string({ maxLength: 40 }),
  unicode,
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  // Lone surrogates, NUL, control and bidi characters, and a long run.
  fc.constantFrom('\uD800', '\uDFFF', '\u0000', '\u0007', '\u202E', '\uFEFF', 'ā\u0301', '𝔘𝔫𝔦', 'x'.repeat(300)),
);

/** Values for profile fields: valid ones (canaries among them), near misses, and junk of every JSON type. */
const fieldValue = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom<unknown>(
      CANARY.email,
      CANARY.emailMixedCase,
      CANARY.phoneNumber,
      CANARY.firstName,
      CANARY.lastName,
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(
      'owner-1',
      'victim-1',
      'me',
      '',
      ' ',
      null,
      '+44',
      '+0123456789',
      'a@b',
      'x'.repeat(101),
      'x'.repeat(255) + '@e.io',
    ),
  },
  { weight: 3, arbitrary: anyText },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(true, 0, -1, 1e308, [], {}, { polluted: 'yes' }) },
);

/** A body object: profile fields, server-owned fields, pollution keys and random keys. */
const bodyObject = fc.dictionary(
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom<string>(...PROFILE_FIELDS) },
    { weight: 1, arbitrary: fc.constantFrom<string>(...SERVER_FIELDS, ...POLLUTION_KEYS) },
    { weight: 1, arbitrary: anyText },
  ),
  fieldValue,
  { maxKeys: 7 },
);

/** Bodies a client would send, often valid, sometimes with one field off: they reach the use cases. */
const mostly = <T>(good: readonly T[], bad: readonly T[]): fc.Arbitrary<T> =>
  fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...good) }, { weight: 1, arbitrary: fc.constantFrom(...bad) });
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, weight = 1): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: 4 - weight, arbitrary: fc.constant(undefined) }, { weight, arbitrary });
const plausibleBody = fc
  .record({
    userId: sometimes(fc.constantFrom<unknown>('owner-1', 'victim-1', 'newcomer-1', 'me', 'bad id/1')),
    email: sometimes(
      mostly<unknown>([CANARY.email, CANARY.emailMixedCase, ` ${CANARY.email} `], ['not-an-email', '', 7]),
      3,
    ),
    firstName: sometimes(
      mostly<unknown>([CANARY.firstName, ` ${CANARY.firstName} `, 'Émilie', '小林'], ['', 'x'.repeat(101), 'a\u0007b']),
      3,
    ),
    lastName: sometimes(mostly<unknown>([CANARY.lastName, 'du Châtelet'], [' ', null]), 3),
    phoneNumber: sometimes(mostly<unknown>([CANARY.phoneNumber, null], ['+0447700900731', '07700900731', '+1234567'])),
  })
  .map((value) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)));

/** Lookup bodies (`POST /users/search`): an email, sometimes a page size or a cursor. */
const lookupBody = fc
  .record({
    email: mostly<unknown>([CANARY.email, CANARY.emailMixedCase, ` ${CANARY.email} `], ['not-an-email', '', 7, null]),
    limit: sometimes(mostly<unknown>([1, 2, 20, 100], [0, 101, 2.5, -1, '5', null, 1e21])),
    cursor: sometimes(fc.oneof(fc.constantFrom<unknown>('garbage', '', 7, 'x'.repeat(3000)), anyText)),
  })
  .map((value) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)));

/** JSON text with a pollution key as an own property, as JSON.parse produces it. */
const pollutingJson = fc.tuple(fc.constantFrom(...POLLUTION_KEYS), bodyObject).map(([key, rest]) => {
  const text = JSON.stringify({ ...rest, firstName: CANARY.firstName });
  const payload = key === 'constructor' ? '{"prototype":{"polluted":"yes"}}' : '{"polluted":"yes","isAdmin":true}';
  return `{"${key}":${payload},${text.slice(1)}`;
});

/** A JSON body around the 16 KiB limit (either side of it). */
const sizedJson = fc.integer({ min: 16 * 1024 - 120, max: 16 * 1024 + 120 }).map((size) => {
  const head = JSON.stringify({ email: CANARY.email, lastName: CANARY.lastName, firstName: '' });
  return `${head.slice(0, -2)}${'é'.repeat(Math.max(0, Math.floor((size - head.length) / 2)))}"}`;
});

/** A value a client sent inside a structured field: no response or log line may repeat it. */
export const SENT_VALUE = 'sent-value-4e1d';
/** Names every object inherits: a mapper that looks one up on a plain object finds a function. */
const PROTOTYPE_KEYS = [...POLLUTION_KEYS, 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'toJSON'] as const;
const DTO_FIELDS = [...PROFILE_FIELDS, 'limit', 'cursor'] as const;

/** JSON text of an object or array, nested a few levels, keyed by prototype names and any text. */
const { structured: nestedJson } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom('1', 'null', 'true', '""', `"${SENT_VALUE}"`),
    tie('structured'),
  ),
  structured: fc.oneof(
    fc.array(tie('value'), { maxLength: 3 }).map((items) => `[${items.join(',')}]`),
    fc
      .array(fc.tuple(fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), anyText), tie('value')), { maxLength: 3 })
      .map((entries) => `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(',')}}`),
  ),
})) as { structured: fc.Arbitrary<string> };

/**
 * JSON text of arrays, or objects under one prototype key, nested from a few levels to as deep
 * as a 16 KiB body holds (class-transformer overflows its stack around 2,000), and a little beyond.
 */
const deepJson = fc
  .tuple(
    fc.constantFrom<string | undefined>(undefined, ...PROTOTYPE_KEYS),
    fc.double({ min: 0, max: 1.05, noNaN: true }),
  )
  .map(([key, share]) => {
    const [open, close] = key === undefined ? ['[', ']'] : [`{"${key}":`, '}'];
    const depth = Math.max(2, Math.round((share * (16 * 1024 - 200)) / (open.length + close.length)));
    return `${open.repeat(depth)}"${SENT_VALUE}"${close.repeat(depth)}`;
  });

/** A plausible body with one or more of the DTOs' fields holding an object or an array instead. */
const structuredBody = fc
  .tuple(
    fc.oneof(plausibleBody, lookupBody),
    fc.uniqueArray(fc.tuple(fc.constantFrom(...DTO_FIELDS), fc.oneof(nestedJson, deepJson)), {
      minLength: 1,
      maxLength: 3,
      selector: ([field]) => field,
    }),
  )
  .map(([body, replaced]) => {
    const holes = Object.fromEntries(replaced.map(([field], i) => [field, `\u0000${i}`]));
    let text = JSON.stringify({ ...body, ...holes });
    // A function, so that a `$` in the JSON is not read as a replacement pattern.
    replaced.forEach(([, json], i) => (text = text.replace(`"\\u0000${i}"`, () => json)));
    return text;
  });

export interface BodyCase {
  readonly body: string | null;
  readonly isBase64Encoded: boolean;
  /** Whether a field of the body holds an object or array where a DTO takes one value. */
  readonly structured: boolean;
}

/** Bodies of every kind but structured fields: absent, empty, JSON of every shape, not JSON at all, huge. */
const anyBody = fc.oneof(
  { weight: 1, arbitrary: fc.constant<string | null>(null) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('', ' ', 'null', '[]', '"x"', '{', '{"email":', '{}', '\uFEFF{}', 'true'),
  },
  { weight: 8, arbitrary: plausibleBody.map((value) => JSON.stringify(value)) },
  { weight: 3, arbitrary: lookupBody.map((value) => JSON.stringify(value)) },
  { weight: 4, arbitrary: bodyObject.map((value) => JSON.stringify(value)) },
  { weight: 2, arbitrary: pollutingJson },
  { weight: 1, arbitrary: fc.jsonValue().map((value) => JSON.stringify(value) ?? 'null') },
  { weight: 1, arbitrary: anyText },
  { weight: 1, arbitrary: sizedJson },
  { weight: 1, arbitrary: fc.integer({ min: 16 * 1024, max: 40 * 1024 }).map((n) => 'x'.repeat(n)) },
);

/** Bodies: any of the above, or with structured fields; now and then base64-encoded. */
export const bodyArb: fc.Arbitrary<BodyCase> = fc
  .tuple(
    fc.oneof(
      { weight: 22, arbitrary: anyBody.map((body) => ({ body, structured: false })) },
      { weight: 5, arbitrary: structuredBody.map((body) => ({ body, structured: true })) },
    ),
    fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  )
  .map(([{ body, structured }, base64]) => ({
    body: base64 && body !== null ? Buffer.from(body, 'utf8').toString('base64') : body,
    isBase64Encoded: base64,
    structured,
  }));

const headerName = (name: string) => fc.constantFrom(name, name.toLowerCase(), name.toUpperCase());

/**
 * A header's value: mostly one that clients send (`usualWeight` against 3), else that or one of
 * the odd ones, and now and then any text at all.
 */
const headerValue = (usualWeight: number, usual: readonly string[], odd: readonly string[]) =>
  fc.oneof(
    { weight: usualWeight, arbitrary: fc.constantFrom(...usual) },
    { weight: 3, arbitrary: fc.constantFrom(...usual, ...odd) },
    { weight: 1, arbitrary: anyText },
  );

const contentType = headerValue(
  6,
  ['application/json', 'application/json; charset=utf-8'],
  [
    'Application/JSON;charset=UTF-8',
    'application/merge-patch+json',
    'application/problem+json',
    'application/json; charset=iso-8859-1',
    'application/jsonx',
    'text/json',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=----x',
    '',
    ';',
    'application/json;;;',
  ],
);

const ifMatch = headerValue(
  3,
  ['"1"', '*'],
  ['W/"1"', '"2"', ' "1" ', '"abc"', '1', '"1', '"1", "2"', '""', '"0"', '"-1"', '"999999999999999999999"', 'W/'],
);

const origin = fc.oneof(fc.constantFrom(ALLOWED_ORIGIN, 'https://evil.example', 'null', ''), anyText);

/** Headers: Content-Type, If-Match, Origin in any spelling, plus random ones. */
export const headersArb: fc.Arbitrary<Record<string, string>> = fc
  .record(
    {
      contentType: fc.tuple(headerName('Content-Type'), contentType),
      ifMatch: fc.tuple(headerName('If-Match'), ifMatch),
      origin: fc.tuple(headerName('Origin'), origin),
      extra: fc.dictionary(
        fc.oneof(fc.constantFrom(...POLLUTION_KEYS, 'X-Request-Id', 'Content-Length'), anyText),
        anyText,
        { maxKeys: 2 },
      ),
    },
    { requiredKeys: ['contentType'] },
  )
  .map(({ contentType: ct, ifMatch: im, origin: or, extra }) => {
    const headers: Record<string, string> = { Authorization: `Bearer ${CANARY.bearer}` };
    for (const [key, value] of Object.entries(extra ?? {}))
      Object.defineProperty(headers, key, { value, enumerable: true, writable: true, configurable: true });
    for (const pair of [ct, im, or]) if (pair) headers[pair[0]] = pair[1];
    return headers;
  });

/** The authorizer's claims in every shape: absent, non-object, no `sub`, odd groups, owner, admin. */
export const claimsArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom<unknown>(undefined, null, 'claims', 42, []) },
  {
    weight: 16,
    arbitrary: fc.record(
      {
        sub: fc.oneof(
          { weight: 12, arbitrary: fc.constantFrom<unknown>(...SEEDED_IDS, 'me', 'newcomer-1') },
          { weight: 1, arbitrary: fc.constantFrom<unknown>('', ' ', null, 7, ['owner-1'], { id: 'owner-1' }) },
          { weight: 1, arbitrary: anyText },
        ),
        email: fc.constantFrom<unknown>(CANARY.email, CANARY.emailMixedCase),
        email_verified: fc.constantFrom<unknown>('true', 'false', true, 'TRUE', 1),
        // Mostly the admin pool's, so that `admins` is tried where it counts; the rest grant nothing.
        iss: fc.constantFrom<unknown>(
          TEST_ISSUERS.admins,
          TEST_ISSUERS.admins,
          TEST_ISSUERS.endUsers,
          `${TEST_ISSUERS.admins}/`,
          '',
          null,
          [TEST_ISSUERS.admins],
        ),
        'cognito:groups': fc.oneof(
          fc.constantFrom<unknown>(
            'admins',
            '[admins, other]',
            'admins,other',
            'admins]',
            '[admins',
            'x,admins',
            '"admins"',
            '["admins"]',
            ['admins'],
            ['users'],
            'users',
            '',
            'Admins',
            ' admins ',
            1,
            null,
            { 0: 'admins' },
          ),
          anyText,
        ),
      },
      { requiredKeys: ['sub'] },
    ),
  },
  // Claims parsed from JSON with a pollution key as an own property.
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(...POLLUTION_KEYS)
      .map((key) => JSON.parse(`{"sub":"owner-1","${key}":{"isAdmin":true,"cognito:groups":"admins"}}`) as unknown),
  },
);

/** A path segment for `{userId}`: stored ids, `me`, percent-encoding (good and broken), unicode, huge. */
export const userIdSegmentArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SEEDED_IDS, 'me', 'ME', 'newcomer-1') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      '%',
      '%zz',
      '%E0%A4%A',
      'victim%2D1',
      'owner%2d1',
      '..%2F..%2Fetc',
      '%2e%2e',
      'me%00',
      ...POLLUTION_KEYS,
      'x'.repeat(2048),
    ),
  },
  { weight: 2, arbitrary: anyText.map((text) => encodeURIComponent(text.replace(/[\uD800-\uDFFF]/g, ''))) },
  { weight: 1, arbitrary: anyText },
);

/** Query strings: the list's parameters and junk, sometimes repeated. */
export const queryArb: fc.Arbitrary<Record<string, string[]>> = fc.dictionary(
  fc.oneof(fc.constantFrom('limit', 'cursor', 'email', ...POLLUTION_KEYS), anyText),
  fc.array(
    fc.oneof(
      fc.constantFrom(
        '1',
        '20',
        '100',
        '101',
        '0',
        '-1',
        '1.5',
        '1e2',
        '007',
        ' 5',
        '999999',
        '9999999',
        'NaN',
        '',
        CANARY.email,
        CANARY.emailMixedCase,
        'eyJ4Ijp7fX0',
        'x'.repeat(3000),
      ),
      anyText,
    ),
    { minLength: 1, maxLength: 2 },
  ),
  { maxKeys: 3 },
);

/** Assembles a REST proxy event as API Gateway passes it on. */
export function proxyEvent(input: {
  method: string;
  resource: RouteDefinition['path'];
  userIdSegment?: string;
  headers: Record<string, string>;
  query: Record<string, string[]>;
  claims: unknown;
  body: BodyCase;
}): APIGatewayProxyEvent {
  const hasUserId = input.resource.includes('{userId}');
  const path = input.resource.replace('{userId}', input.userIdSegment ?? '');
  const entries = Object.entries(input.query);
  const single = (pairs: [string, unknown][]) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of pairs)
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    return out;
  };
  return {
    httpMethod: input.method,
    path,
    resource: input.resource,
    pathParameters: hasUserId ? { userId: input.userIdSegment ?? '' } : null,
    queryStringParameters:
      entries.length === 0 ? null : (single(entries.map(([k, v]) => [k, v.at(-1)])) as Record<string, string>),
    multiValueQueryStringParameters: entries.length === 0 ? null : (single(entries) as Record<string, string[]>),
    headers: input.headers,
    multiValueHeaders: Object.fromEntries(Object.entries(input.headers).map(([key, value]) => [key, [value]])),
    body: input.body.body,
    isBase64Encoded: input.body.isBase64Encoded,
    stageVariables: null,
    requestContext: {
      accountId: '123456789012',
      apiId: 'fuzz',
      authorizer:
        input.claims === undefined
          ? null
          : ({ claims: input.claims } as APIGatewayProxyEvent['requestContext']['authorizer']),
      protocol: 'HTTP/1.1',
      httpMethod: input.method,
      identity: {} as APIGatewayProxyEvent['requestContext']['identity'],
      path: `/test${path}`,
      stage: 'test',
      requestId: `fuzz-${Math.random().toString(36).slice(2)}`,
      requestTimeEpoch: 1_795_000_000_000,
      resourceId: 'fuzz',
      resourcePath: input.resource,
    },
  };
}
