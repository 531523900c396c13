import { useDynaliteClient } from '../support/dynalite-client';
import { describeDynamoDbRepositoryContract } from '../support/repository-contract';

describe('DynamoDbUserProfileRepository on dynalite (in-process)', () => {
  const dynalite = useDynaliteClient();

  describeDynamoDbRepositoryContract('DynamoDB (dynalite)', dynalite);
});
