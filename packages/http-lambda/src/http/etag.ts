import type { APIGatewayProxyEvent } from 'aws-lambda';

import { headerOf } from './headers';
import { HttpProblem, validationProblem } from './problem';

/** The entity tag of a profile at `version`: strong, the version in quotes. */
export const formatEtag = (version: number): string => `"${version}"`;

/**
 * What a conditional change asks for. `undefined`: no precondition; a number: the version the
 * client last saw. `*` (any current profile) needs no version: the change still never creates.
 */
export type Precondition = { readonly expectedVersion?: number };

// RFC 9110 entity-tag: optional weak prefix, then a quoted run of etagc characters.
const ENTITY_TAG = /^(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"$/;
const VERSION = /^[1-9][0-9]{0,14}$/;
/** Versions start at 1, so a tag that names no version of ours can never match: 0 stands for it. */
const NEVER_MATCHES = 0;

/**
 * Reads `If-Match` for a change. Decisions (the contract is silent on them):
 * - `"3"` and `W/"3"` both mean version 3: intermediaries may weaken a tag, and a version is
 *   exact either way.
 * - `*` means "whatever is there now": it satisfies a required precondition, and a missing
 *   profile is still 404 because changes never create.
 * - A well-formed tag that is no version of ours (`"abc"`) can never match: 412, as RFC 9110
 *   says. Not an entity tag at all (`3`, `"3`), or a list of tags: 400.
 * - Without `If-Match`, 428 when the configuration requires one.
 */
export function preconditionOf(event: Pick<APIGatewayProxyEvent, 'headers'>, required: boolean): Precondition {
  const raw = headerOf(event, 'if-match')?.trim();
  if (raw === undefined || raw === '') {
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
    throw validationProblem('The If-Match header must be one entity tag such as "3", or *.', [
      { field: 'If-Match', message: 'must be one entity tag such as "3", or *' },
    ]);
  }
  const opaque = match[2]!;
  return { expectedVersion: VERSION.test(opaque) ? Number(opaque) : NEVER_MATCHES };
}
