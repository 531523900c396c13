import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

import { createIdempotencyTable } from './create-idempotency-table';
import { createUserProfileTable } from './create-user-profile-table';
import { idempotencyTableName } from './idempotency-table';
import { userProfileTableName } from './user-profile-table';

/** The names of the service's two tables in one environment. */
export interface ServiceTableNames {
  readonly profiles: string;
  readonly idempotency: string;
}

/** The tables' names in `environment` (a stage, the local server, a test run), as a deployed stage names them. */
export const serviceTableNames = (environment: string): ServiceTableNames => ({
  profiles: userProfileTableName(environment),
  idempotency: idempotencyTableName(environment),
});

/** Creates both tables on a local engine unless they exist; in AWS the CDK app owns them. */
export async function createServiceTables(
  client: DynamoDBClient | DynamoDBDocumentClient,
  tables: ServiceTableNames,
): Promise<void> {
  await createUserProfileTable(client, tables.profiles);
  await createIdempotencyTable(client, tables.idempotency);
}
