import { UpdateCommand } from '@aws-sdk/lib-dynamodb';

/**
 * The baseline for a PATCH of `firstName` without If-Match: the one conditional UpdateItem the
 * repository sends for it, with the condition it uses for an item in the current shape.
 */
export function rawFirstNameUpdate(tableName: string, userId: string, firstName: string): UpdateCommand {
  return new UpdateCommand({
    TableName: tableName,
    Key: { userId },
    UpdateExpression: 'SET #firstName = :firstName, #updatedAt = :updatedAt, #version = #version + :one',
    ConditionExpression: 'attribute_type(#incarnation, :string) AND attribute_type(#version, :number)',
    ExpressionAttributeNames: {
      '#firstName': 'firstName',
      '#updatedAt': 'updatedAt',
      '#version': 'version',
      '#incarnation': 'incarnation',
    },
    ExpressionAttributeValues: {
      ':firstName': firstName,
      ':updatedAt': new Date().toISOString(),
      ':one': 1,
      ':string': 'S',
      ':number': 'N',
    },
    ReturnValues: 'ALL_NEW',
  });
}
