import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { ProfileNotFoundError, StaleVersionError, StoreUnavailableError } from '@userprofile/domain';
import { LegacyItemMother, UserProfileMother } from '@userprofile/testing';

import { toItem } from '../../src/dynamodb/user-profile-item';
import { mockedRepository } from '../support/mocked-repository';

const metadata = { httpStatusCode: 400, requestId: 'r-1', attempts: 1, totalRetryDelay: 0 };

/** A failed condition as DynamoDB sends it when asked for the item: in wire form, as the document client passes it on. */
const conditionFailed = (item?: object) =>
  new ConditionalCheckFailedException({
    message: 'The conditional request failed',
    $metadata: metadata,
    ...(item && { Item: marshall(item, { removeUndefinedValues: true }) }),
  });

describe('DynamoDbUserProfileRepository requests per write (SDK mocked as DynamoDB answers)', () => {
  const { client, dynamodb, repository } = mockedRepository();
  const sent = () => dynamodb.calls().map((call) => (call.args[0] as object).constructor.name);

  afterEach(() => dynamodb.reset());
  afterAll(() => {
    dynamodb.restore();
    client.destroy();
  });

  it('applies a change with one conditional UpdateItem that returns the new item, and reads nothing', async () => {
    // Prepare
    const profile = UserProfileMother.create();
    const change = UserProfileMother.change(profile.userId, { firstName: 'Grace', phoneNumber: null });
    const next = profile.apply(change);
    dynamodb.on(UpdateCommand).resolves({ Attributes: toItem(next) });

    // Act
    const result = await repository.applyChange(change, profile.revision);

    // Assess
    expect(result.ok && result.value.toPrimitives()).toEqual(next.toPrimitives());
    expect(sent()).toEqual(['UpdateCommand']);
    expect(dynamodb.commandCalls(UpdateCommand)[0]!.args[0].input).toMatchObject({
      ReturnValues: 'ALL_NEW',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      UpdateExpression: expect.stringMatching(/REMOVE #writeToken, #phoneNumber$/),
      ExpressionAttributeValues: expect.objectContaining({ ':expectedVersion': 1, ':firstName': 'Grace' }),
    });
  });

  it('tells stale from missing by the item DynamoDB returns with the failure, without a read', async () => {
    const profile = UserProfileMother.create();
    const moved = UserProfileMother.changed(profile, { lastName: 'Moved' });
    dynamodb.on(UpdateCommand).rejects(conditionFailed(toItem(moved)));

    const result = await repository.applyChange(
      UserProfileMother.change(profile.userId, { firstName: 'X' }),
      profile.revision,
    );

    expect(!result.ok && result.error).toBeInstanceOf(StaleVersionError);
    expect(sent()).toEqual(['UpdateCommand']);
  });

  it('reads once to tell missing from stale when the store returns no item (as dynalite does)', async () => {
    dynamodb.on(UpdateCommand).rejects(conditionFailed()).on(GetCommand).resolves({});

    const result = await repository.applyChange(UserProfileMother.change('ghost', { firstName: 'X' }));

    expect(!result.ok && result.error).toBeInstanceOf(ProfileNotFoundError);
    expect(sent()).toEqual(['UpdateCommand', 'GetCommand']);
  });

  it('brings an older-shape item returned with the failure to the current shape with one conditional put', async () => {
    const legacy = LegacyItemMother.created();
    dynamodb.on(UpdateCommand).rejects(conditionFailed(legacy)).on(PutCommand).resolves({});

    const result = await repository.applyChange(
      UserProfileMother.change(String(legacy.userId), { firstName: 'Augusta' }),
      { version: 1, incarnation: 'legacy' },
    );

    expect(result.ok && result.value.toPrimitives()).toMatchObject({ firstName: 'Augusta', version: 2 });
    expect(sent()).toEqual(['UpdateCommand', 'PutCommand']);
    expect(dynamodb.commandCalls(PutCommand)[0]!.args[0].input.ConditionExpression).toMatch(
      /attribute_not_exists\(#absent_incarnation\)/,
    );
  });

  it('answers "unavailable, retry" rather than loop when an older-shape item keeps changing under the change', async () => {
    const legacy = LegacyItemMother.created();
    dynamodb.on(UpdateCommand).rejects(conditionFailed(legacy)).on(PutCommand).rejects(conditionFailed());

    const error = await repository
      .applyChange(UserProfileMother.change(String(legacy.userId), { firstName: 'Augusta' }))
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(dynamodb.commandCalls(UpdateCommand).length).toBeLessThanOrEqual(4);
  });

  it('deletes with one conditional DeleteItem and tells stale from missing by the returned item', async () => {
    const profile = UserProfileMother.create();
    dynamodb.on(DeleteCommand).rejects(conditionFailed(toItem(profile)));

    const result = await repository.delete(profile.userId, { ...profile.revision, version: 9 });

    expect(!result.ok && result.error).toBeInstanceOf(StaleVersionError);
    expect(sent()).toEqual(['DeleteCommand']);
  });
});
