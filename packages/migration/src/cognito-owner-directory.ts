import { ListUsersCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';

import type { OwnerMatch } from './item-plan';

// ListUsers refuses a longer filter.
const MAX_FILTER_LENGTH = 256;

/** Finds who owns a legacy profile in a Cognito user pool. */
export class CognitoOwnerDirectory {
  constructor(
    private readonly client: Pick<CognitoIdentityProviderClient, 'send'>,
    private readonly userPoolId: string,
  ) {}

  /**
   * The owner of a profile stored at `key` with these emails. A key that is a user's `sub`
   * already is its own owner (a profile this service wrote, whose email need not be the
   * user's sign-in email); otherwise the users whose `email` is one of `emails`.
   */
  async findOwner(key: string, emails: readonly string[]): Promise<OwnerMatch> {
    const filters = emails.map((email) => `email = "${escapeFilterValue(email)}"`);
    if (filters.some((filter) => filter.length > MAX_FILTER_LENGTH)) return { kind: 'not-searchable' };
    const subs = new Set<string>();
    let more = false;
    for (const filter of filters) {
      const page = await this.usersMatching(filter);
      page.subs.forEach((sub) => subs.add(sub));
      more ||= page.more;
    }
    if (subs.has(key)) return { kind: 'one', sub: key };
    if ((await this.usersMatching(`sub = "${escapeFilterValue(key)}"`)).subs.length > 0)
      return { kind: 'one', sub: key };
    if (subs.size > 1 || more) return { kind: 'several' };
    const [sub] = subs;
    return sub === undefined ? { kind: 'none' } : { kind: 'one', sub };
  }

  // Two users are enough to know a match is ambiguous; a further page means more than shown.
  private async usersMatching(filter: string): Promise<{ subs: string[]; more: boolean }> {
    const page = await this.client.send(
      new ListUsersCommand({ UserPoolId: this.userPoolId, Filter: filter, AttributesToGet: ['sub'], Limit: 2 }),
    );
    const subs = (page.Users ?? []).flatMap((user) =>
      (user.Attributes ?? []).flatMap((attribute) =>
        attribute.Name === 'sub' && attribute.Value !== undefined ? [attribute.Value] : [],
      ),
    );
    return { subs, more: page.PaginationToken !== undefined };
  }
}

// ListUsers takes a quoted value in which quotes and backslashes are escaped with a backslash.
function escapeFilterValue(value: string): string {
  return value.replace(/[\\"]/g, (character) => `\\${character}`);
}
