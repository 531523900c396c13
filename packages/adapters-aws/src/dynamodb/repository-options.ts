import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

import type { CursorKeySource } from './cursor';

/** What every repository is given. */
interface RepositoryOptions {
  /** Made by `createDynamoDbDocumentClient`, whose timeouts bound every call. */
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Told about every stored item that cannot be read. @default an EMF metric line, by id only */
  readonly unreadableItemObserver?: UnreadableItemObserver;
}

/** The repository's settings, with the keys that sign page cursors: fixed, or asked for when a page needs them. */
export type DynamoDbUserProfileRepositoryOptions = RepositoryOptions &
  (
    | {
        /** Secret that signs page cursors; every instance serving one API must share it. */
        readonly cursorSigningKey: string;
        readonly cursorKeys?: never;
      }
    | {
        /** Where the page-cursor keys come from; asked only by list and lookup, only when a cursor is signed or checked. */
        readonly cursorKeys: CursorKeySource;
        readonly cursorSigningKey?: never;
      }
  );

/** Hears about stored items no profile can be read from; gets the id only, never values. */
export interface UnreadableItemObserver {
  unreadableItem(userId: string | undefined, reason: string): void;
}

/** Logs the id and counts `UnreadableProfileItems` as a CloudWatch Embedded Metric Format line. */
export const emfUnreadableItemObserver: UnreadableItemObserver = {
  unreadableItem(userId, reason) {
    console.log(
      JSON.stringify({
        _aws: {
          Timestamp: Date.now(),
          CloudWatchMetrics: [
            {
              Namespace: 'UserProfile',
              Dimensions: [[]],
              Metrics: [{ Name: 'UnreadableProfileItems', Unit: 'Count' }],
            },
          ],
        },
        UnreadableProfileItems: 1,
        message: 'unreadable profile item',
        userId,
        reason,
      }),
    );
  },
};
