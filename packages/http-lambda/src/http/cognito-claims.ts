/**
 * Reading Cognito claims exactly as they reach a function, and nothing looser: a claim in any
 * other shape counts as absent, so an odd spelling can never grant anything.
 *
 * A REST API's Cognito user pool authorizer hands every claim over as a string
 * (`requestContext.authorizer.claims`): a one-group `cognito:groups` arrives as the bare name
 * (`admins`), several as Java's list text, `[admins, editors]` (the same rendering that turns
 * `exp` into `Tue Apr 04 18:39:39 UTC 2023`); booleans arrive as `"true"` / `"false"`.
 * A decoded token (tests, other authorizers) has the JSON array and JSON booleans.
 */
import { ADMIN_GROUP } from '../contract/service';

/** Cognito group names may hold punctuation, never white space; these would make list text ambiguous. */
const AMBIGUOUS_IN_LIST_TEXT = /[\s[\],"']/u;
const LIST_SEPARATOR = ', ';

const isPlainGroupName = (name: string): boolean => name !== '' && !AMBIGUOUS_IN_LIST_TEXT.test(name);

/**
 * `cognito:groups` as a list of names: a JSON array of strings, or the authorizer's text form
 * (`admins`, `[admins]`, `[admins, editors]`). Anything else, such as `admins]`, `x,admins`,
 * `"admins"`, `[admins` or `[x,admins]`, means no groups at all.
 */
export function groupsOf(raw: unknown): readonly string[] {
  if (Array.isArray(raw)) return raw.every((group) => typeof group === 'string') ? (raw as string[]) : [];
  if (typeof raw !== 'string') return [];
  const listed = raw.startsWith('[') && raw.endsWith(']');
  const names = listed ? raw.slice(1, -1).split(LIST_SEPARATOR) : [raw];
  return names.every(isPlainGroupName) ? names : [];
}

/**
 * Whether the claims are an administrator's: `cognito:groups` names `admins` AND `iss` is the
 * administrators' pool, compared exactly (a token's `iss` is never normalised). Anyone can sign
 * up to the end users' pool, whose groups are not ours to trust; no admin issuer, no admins.
 */
export function isAdminClaims(claims: Readonly<Record<string, unknown>>, adminIssuer: string | undefined): boolean {
  if (adminIssuer === undefined || adminIssuer === '' || claims.iss !== adminIssuer) return false;
  return groupsOf(claims['cognito:groups']).includes(ADMIN_GROUP);
}

/** A boolean claim: JSON `true`, or the authorizer's `"true"`. Anything else is not true. */
export const isTrueClaim = (raw: unknown): boolean => raw === true || raw === 'true';

/** The caller's email if the identity provider verified it (`email` with `email_verified` true). */
export function verifiedEmailOf(claims: Readonly<Record<string, unknown>>): string | undefined {
  const { email, email_verified: verified } = claims;
  return typeof email === 'string' && email !== '' && isTrueClaim(verified) ? email : undefined;
}
