import { randomBytes } from 'node:crypto';

import { createSecretsManagerClient, SecretsManagerPseudonymKeys } from '@userprofile/adapters-aws';
import { pseudonymOf, UserId, type PseudonymKey } from '@userprofile/domain';

/**
 * How the report and the console name an item: by its id when the id is one a new profile could
 * have (a sub: no `@`, `.` or `+`), else by its audit pseudonym, since a legacy id may be an
 * email address. The operator matches a pseudonym with `pnpm pseudonym <id> --env` (docs/migrating.md).
 */
export const reportNameOf = (userId: string, key: PseudonymKey): Record<string, string> =>
  UserId.isNew(userId) ? { userId } : { userIdPseudonym: pseudonymOf(userId, key) };

/** Where the run's pseudonym key comes from: the audit pseudonym secret, else a key of this run alone. */
export interface PseudonymKeyChoice {
  /** The secret's ARN or name; absent: a one-off key. */
  readonly secretId?: string;
  readonly region?: string;
}

/**
 * The key the run names personal-data ids with, read once before the scan: the audit trail's
 * own (so a reported item and its audit records share one pseudonym), or a one-off key.
 */
export async function runPseudonymKey(choice: PseudonymKeyChoice): Promise<{ key: PseudonymKey; oneOff: boolean }> {
  if (choice.secretId === undefined) {
    return { key: { id: 'one-off', secret: randomBytes(32).toString('base64url') }, oneOff: true };
  }
  const client = createSecretsManagerClient(choice.region === undefined ? {} : { region: choice.region });
  try {
    return {
      key: await new SecretsManagerPseudonymKeys({ client, secretId: choice.secretId }).current(),
      oneOff: false,
    };
  } finally {
    client.destroy();
  }
}
