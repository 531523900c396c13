import type { ProfileRevision, UserProfilePrimitives } from '@userprofile/domain';

import { TEST_ISSUERS } from '@userprofile/testing';

import type { TestResponse } from './test-app';

/** An administrator, as the Cognito authorizer presents one: signed in to the admin pool, in `admins`. */
export const ADMIN = {
  sub: 'admin-1',
  email: 'admin@example.com',
  groups: 'admins',
  issuer: TEST_ISSUERS.admins,
} as const;

/** Asserts a problem+json response of the given kind, and returns its field errors. */
export function expectProblem(
  response: TestResponse,
  status: number,
  kind: string,
): { field: string; message: string }[] {
  expect({ status: response.status, type: response.body?.type }).toEqual({ status, type: `/problems/${kind}` });
  expect(response.headers['Content-Type']).toBe('application/problem+json');
  expect(response.body).toEqual(
    expect.objectContaining({ title: expect.any(String), status, detail: expect.any(String) }),
  );
  expect(response.headers['X-Request-Id']).toEqual(expect.any(String));
  expect(response.raw.body).not.toMatch(/\bat .*\(|node_modules|user-profiles-/);
  return (response.body?.errors as { field: string; message: string }[] | undefined) ?? [];
}

/** The fields a 400 names. */
export const fieldsOf = (errors: { field: string }[]): string[] => errors.map((error) => error.field).sort();

/** A profile as the API shows it: its primitives without the incarnation (the ETag carries that). */
export function shown(profile: { toPrimitives(): UserProfilePrimitives }): Omit<UserProfilePrimitives, 'incarnation'> {
  const { incarnation: _incarnation, ...body } = profile.toPrimitives();
  return body;
}

/** The ETag a client receives for `profile`, optionally at another version of the same incarnation. */
export const etagOf = (profile: { revision: ProfileRevision }, version = profile.revision.version): string =>
  `"${version}.${profile.revision.incarnation}"`;
