/** A DynamoDB condition with its placeholders, ready to spread into a write's input. */
export interface WriteCondition {
  readonly ConditionExpression: string;
  readonly ExpressionAttributeNames: Record<string, string>;
  readonly ExpressionAttributeValues?: Record<string, unknown>;
}

/**
 * A condition that holds only while the item is exactly as it was read: every attribute it
 * had still has its value, and every one of `knownAttributes` it lacked is still absent. Any
 * write by the live service in between (which always sets `updatedAt` and `version`) makes it
 * fail, so neither a claim nor `pnpm migrate` writes over a change it did not see.
 */
export function unchangedCondition(
  asRead: Record<string, unknown>,
  knownAttributes: readonly string[],
): WriteCondition {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const attributes = [...new Set([...Object.keys(asRead), ...knownAttributes])];
  const clauses = attributes.map((attribute, index) => {
    const name = `#a${index}`;
    names[name] = attribute;
    const value = asRead[attribute];
    if (value === undefined) return `attribute_not_exists(${name})`;
    // NULL compares with nothing, not even itself; its type says it is still NULL.
    values[`:v${index}`] = value === null ? 'NULL' : value;
    return value === null ? `attribute_type(${name}, :v${index})` : `${name} = :v${index}`;
  });
  return {
    ConditionExpression: clauses.join(' AND '),
    ExpressionAttributeNames: names,
    ...(Object.keys(values).length > 0 && { ExpressionAttributeValues: values }),
  };
}
