import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { useDynalite, type DynaliteClient } from '@userprofile/testing';

import { createDynamoDbDocumentClient } from '../../src';

/**
 * dynalite and this package's document client on it, for the enclosing `describe` (see
 * `useDynalite`).
 */
export const useDynaliteClient = (): DynaliteClient<DynamoDBDocumentClient> =>
  useDynalite((endpoint) => createDynamoDbDocumentClient({ endpoint }));
