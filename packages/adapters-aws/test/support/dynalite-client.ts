import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { useDynalite, type EngineClient } from '@userprofile/testing';

import { createDynamoDbDocumentClient } from '../../src';

/**
 * dynalite and this package's document client on it, for the enclosing `describe` (see
 * `useDynalite`).
 */
export const useDynaliteClient = (): EngineClient<DynamoDBDocumentClient> =>
  useDynalite((endpoint) => createDynamoDbDocumentClient({ endpoint }));
