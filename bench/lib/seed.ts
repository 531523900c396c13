import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** A stored profile, in the item shape the repository writes (see adapters-aws user-profile-item.ts). */
export const profileItem = (userId: string, n = 0) => ({
  userId,
  email: `${userId}@example.com`.toLowerCase(),
  firstName: 'Ada',
  lastName: 'Lovelace',
  phoneNumber: `+4477009${String(n % 100_000).padStart(5, '0')}`,
  createdAt: '2026-11-24T10:00:00.000Z',
  updatedAt: '2026-11-24T10:00:00.000Z',
  version: 1,
  // The current shape has one; without it the first change would take the older-shape path.
  incarnation: 'benchseed0000000',
});

export const seedProfile = async (doc: DynamoDBDocumentClient, tableName: string, userId: string): Promise<void> => {
  await doc.send(new PutCommand({ TableName: tableName, Item: profileItem(userId) }));
};
