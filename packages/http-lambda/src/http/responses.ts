import type { UserProfile, UserProfilePrimitives } from '@userprofile/domain';

import { formatEtag } from './etag';
import { HEADER, MEDIA_TYPE } from './headers';
import { problemDocument, type ProblemDocument, type ProblemFacts } from './problem';

/** A response before the pipeline adds the headers every response carries (request id, CORS). */
export interface HttpResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export const jsonResponse = (
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): HttpResponse => ({
  statusCode,
  headers: { [HEADER.contentType]: MEDIA_TYPE.json, ...headers },
  body: JSON.stringify(body),
});

export const noContentResponse = (headers: Record<string, string> = {}): HttpResponse => ({
  statusCode: 204,
  headers,
  body: '',
});

/** A profile as the API shows it: the primitives less the incarnation, which only the ETag carries. */
export const profileBody = (profile: UserProfile): Omit<UserProfilePrimitives, 'incarnation'> => {
  // Field by field: an object rest copy takes V8's slow path, and every profile answer runs this.
  const p = profile.toPrimitives();
  return {
    userId: p.userId,
    email: p.email,
    firstName: p.firstName,
    lastName: p.lastName,
    phoneNumber: p.phoneNumber,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    version: p.version,
  };
};

/** One profile, with its revision as the entity tag. */
export const profileResponse = (
  profile: UserProfile,
  statusCode = 200,
  headers: Record<string, string> = {},
): HttpResponse =>
  jsonResponse(statusCode, profileBody(profile), { [HEADER.etag]: formatEtag(profile.revision), ...headers });

/** 201 for a new profile, with where it lives: its URL below `basePath` (the stage in AWS). */
export const createdProfileResponse = (profile: UserProfile, basePath = ''): HttpResponse =>
  profileResponse(profile, 201, { [HEADER.location]: `${basePath}/users/${encodeURIComponent(profile.userId)}` });

export const profilePageResponse = (items: readonly UserProfile[], nextCursor: string | null): HttpResponse =>
  jsonResponse(200, { items: items.map(profileBody), nextCursor });

export function problemResponse(problem: ProblemFacts): HttpResponse {
  const document: ProblemDocument = problemDocument(problem);
  return {
    statusCode: document.status,
    headers: { [HEADER.contentType]: MEDIA_TYPE.problem, ...problem.options.headers },
    body: JSON.stringify(document),
  };
}
