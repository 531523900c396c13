import type { ProfileRevision } from '@userprofile/domain';
import type { APIGatewayProxyEvent } from 'aws-lambda';

import { headerOf } from './headers';
import { HttpProblem, validationProblem } from './problem';

/**
 * The entity tag of a profile at `revision`: strong, `"<version>.<incarnation>"`. The
 * incarnation makes the tag of a deleted profile never match the profile created after it.
 */
export const formatEtag = (revision: ProfileRevision): string => `"${revision.version}.${revision.incarnation}"`;

/**
 * What a conditional change asks for. `undefined`: no precondition; a revision: the one the
 * client last saw. `*` (any current profile) needs none: the change still never creates.
 */
export type Precondition = { readonly expectedRevision?: ProfileRevision };

// RFC 9110 entity-tag: optional weak prefix, then a quoted run of etagc characters.
const ENTITY_TAG = /^(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"$/;
const REVISION = /^([1-9][0-9]{0,14})\.([a-z0-9]{1,32})$/;
/** Versions start at 1, so a tag that names no revision of ours can never match: 0 stands for it. */
const NEVER_MATCHES: ProfileRevision = { version: 0, incarnation: '' };

const ifMatchOf = (event: Pick<APIGatewayProxyEvent, 'headers'>): string | undefined =>
  headerOf(event, 'if-match')?.trim() || undefined;

/** Whether the request carries an `If-Match` (a blank one counts as none). */
export const hasIfMatch = (event: Pick<APIGatewayProxyEvent, 'headers'>): boolean => ifMatchOf(event) !== undefined;

/**
 * Reads `If-Match` for a change. Decisions (the contract is silent on them):
 * - `"3.k2m9x4q7c1r8p0ab"` and its weak form both mean that revision: intermediaries may weaken
 *   a tag, and a revision is exact either way.
 * - `*` means "whatever is there now": it satisfies a required precondition, and a missing
 *   profile is still 404 because changes never create.
 * - A well-formed tag that is no revision of ours (`"abc"`, or a bare version `"3"` from before
 *   revisions) can never match: 412, as RFC 9110 says. Not an entity tag at all (`3`, `"3`), or a list of tags: 400.
 * - Without `If-Match`, 428 when the configuration requires one.
 */
export function preconditionOf(event: Pick<APIGatewayProxyEvent, 'headers'>, required: boolean): Precondition {
  const raw = ifMatchOf(event);
  if (raw === undefined) {
    if (required) {
      throw new HttpProblem(
        'precondition-required',
        'This change needs an If-Match header with the ETag of the profile you last read.',
      );
    }
    return {};
  }
  if (raw === '*') return {};
  const match = ENTITY_TAG.exec(raw);
  if (!match) {
    throw validationProblem('The If-Match header must be one entity tag (the ETag you read), or *.', [
      { field: 'If-Match', message: 'must be one entity tag such as "3.k2m9x4q7c1r8p0ab", or *' },
    ]);
  }
  const revision = REVISION.exec(match[2]!);
  if (!revision) return { expectedRevision: NEVER_MATCHES };
  return { expectedRevision: { version: Number(revision[1]), incarnation: revision[2]! } };
}
