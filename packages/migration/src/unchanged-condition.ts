import { CURRENT_ATTRIBUTES } from './current-attributes';

/** A DynamoDB condition with its placeholders, ready to spread into a write's input. */
export interface WriteCondition {
  readonly ConditionExpression: string;
  readonly ExpressionAttributeNames: Record<string, string>;
  readonly ExpressionAttributeValues?: Record<string, unknown>;
}

/**
 * A condition that holds only while the item is exactly as it was read: every attribute it
 * had still has its value, and every attribute of the current shape it lacked is still
 * absent. Any write by the live service in between (which always sets `updatedAt` and
 * `version`) makes it fail, so the migration never writes over a change it did not see.
 */
export function unchangedCondition(asRead: Record<string, unknown>): WriteCondition {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const clauses: string[] = [];
  const attributes = [...new Set([...Object.keys(asRead), ...CURRENT_ATTRIBUTES])];
  attributes.forEach((attribute, index) => {
    const name = `#a${index}`;
    names[name] = attribute;
    const value = asRead[attribute];
    if (value === undefined) {
      clauses.push(`attribute_not_exists(${name})`);
    } else if (value === null) {
      // NULL compares with nothing, not even itself; its type says it is still NULL.
      values[`:v${index}`] = 'NULL';
      clauses.push(`attribute_type(${name}, :v${index})`);
    } else {
      values[`:v${index}`] = value;
      clauses.push(`${name} = :v${index}`);
    }
  });
  return {
    ConditionExpression: clauses.join(' AND '),
    ExpressionAttributeNames: names,
    ...(Object.keys(values).length > 0 && { ExpressionAttributeValues: values }),
  };
}

/** A condition that holds only where no item exists yet: a move never overwrites a profile. */
export const ABSENT_CONDITION: WriteCondition = {
  ConditionExpression: 'attribute_not_exists(#key)',
  ExpressionAttributeNames: { '#key': 'userId' },
};
