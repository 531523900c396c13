import type { ProfileChange, ProfileRevision } from '@userprofile/domain';

import { LEGACY_INCARNATION } from './stored-item';
import { WRITE_TOKEN } from './user-profile-item';
import { USER_PROFILE_TABLE } from './user-profile-table';

/** The expression parts of one conditional write, ready to spread into its input. */
export interface WriteExpressions {
  readonly UpdateExpression?: string;
  readonly ConditionExpression: string;
  readonly ExpressionAttributeNames: Record<string, string>;
  readonly ExpressionAttributeValues?: Record<string, unknown>;
}

const KEY = USER_PROFILE_TABLE.partitionKey.name;

/**
 * Whether an item is in the shape every write of this service leaves: a string incarnation and a
 * number version (the rest the reader serves as stored). The original stack's items have
 * neither, and items written before incarnations existed have no incarnation.
 */
export function inCurrentShape(item: Record<string, unknown>): boolean {
  return typeof item.incarnation === 'string' && typeof item.version === 'number';
}

/**
 * The UpdateItem that applies `change` in one request, as the domain decided it: the fields it
 * names are set (a `null` phone number is removed, as items stay sparse), `updatedAt` is the
 * change's, the version goes up by the change's increment, and the write token is set (or
 * cleared, for a write without one). The condition holds only for an
 * item in the current shape (`inCurrentShape`) and, with `expected`, at that revision; an item
 * in an older shape fails it and is brought to the current shape by a whole-item write instead
 * (see the repository).
 */
export function changeExpressions(
  change: ProfileChange,
  expected: ProfileRevision | undefined,
  writeToken?: string,
): WriteExpressions {
  const { fields, updatedAt, versionIncrement } = change.toPrimitives();
  const names: Record<string, string> = {
    '#version': 'version',
    '#incarnation': 'incarnation',
    '#updatedAt': 'updatedAt',
    '#writeToken': WRITE_TOKEN,
  };
  const values: Record<string, unknown> = { ':updatedAt': updatedAt, ':increment': versionIncrement };
  const sets = ['#updatedAt = :updatedAt', '#version = #version + :increment'];
  const removes: string[] = [];
  if (writeToken === undefined) removes.push('#writeToken');
  else {
    values[':writeToken'] = writeToken;
    sets.push('#writeToken = :writeToken');
  }
  for (const [field, value] of Object.entries(fields)) {
    names[`#${field}`] = field;
    if (value === null) {
      removes.push(`#${field}`);
    } else {
      values[`:${field}`] = value;
      sets.push(`#${field} = :${field}`);
    }
  }
  // The item is in the current shape (see `inCurrentShape`); `version + 1` needs a number.
  const conditions = ['attribute_type(#incarnation, :string)', 'attribute_type(#version, :number)'];
  values[':string'] = 'S';
  values[':number'] = 'N';
  if (expected !== undefined) {
    conditions.push('#version = :expectedVersion', '#incarnation = :expectedIncarnation');
    values[':expectedVersion'] = expected.version;
    values[':expectedIncarnation'] = expected.incarnation;
  }
  return {
    UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
    ConditionExpression: conditions.join(' AND '),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/**
 * The profile must exist and, when a revision is expected, be at that version of that
 * incarnation: a profile deleted and created again has the same key and may have the same
 * version, never the same incarnation.
 */
export function existsCondition(expected: ProfileRevision | undefined): WriteExpressions {
  if (expected === undefined) {
    return { ConditionExpression: 'attribute_exists(#key)', ExpressionAttributeNames: { '#key': KEY } };
  }
  // An item of the original stack has no version and is read as version 1; an item written
  // before incarnations existed has none and is read as the legacy one.
  const versionMatches =
    expected.version === 1 ? '(#version = :version OR attribute_not_exists(#version))' : '#version = :version';
  const incarnationMatches =
    expected.incarnation === LEGACY_INCARNATION
      ? '(#incarnation = :incarnation OR attribute_not_exists(#incarnation))'
      : '#incarnation = :incarnation';
  return {
    ConditionExpression: `attribute_exists(#key) AND ${versionMatches} AND ${incarnationMatches}`,
    ExpressionAttributeNames: { '#key': KEY, '#version': 'version', '#incarnation': 'incarnation' },
    ExpressionAttributeValues: { ':version': expected.version, ':incarnation': expected.incarnation },
  };
}

/**
 * A condition that holds only while an item in an older shape is as it was read: every
 * attribute it had unchanged, and the concurrency and time attributes it lacked still absent
 * (nobody brought it to the current shape). Scalars are compared by value; a document or set
 * (which older writers left in odd places) by type only, as dynalite never finds two documents
 * equal. The original stack set `updatedAt` to the microsecond on every write, so its writes
 * are still caught.
 */
export function unchangedOlderShape(asRead: Record<string, unknown>): WriteExpressions {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const clauses: string[] = [];
  Object.entries(asRead).forEach(([attribute, value], index) => {
    const name = `#a${index}`;
    const placeholder = `:v${index}`;
    names[name] = attribute;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      values[placeholder] = value;
      clauses.push(`${name} = ${placeholder}`);
    } else {
      values[placeholder] = attributeType(value);
      clauses.push(`attribute_type(${name}, ${placeholder})`);
    }
  });
  // An attribute the item lacked when read must still be absent (a NULL compares with nothing).
  for (const attribute of ['version', 'incarnation', 'createdAt', 'updatedAt'].filter((a) => !(a in asRead))) {
    names[`#absent_${attribute}`] = attribute;
    clauses.push(`attribute_not_exists(#absent_${attribute})`);
  }
  return {
    ConditionExpression: clauses.join(' AND '),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/** The DynamoDB type name of a value the document client read. */
function attributeType(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Uint8Array) return 'B';
  if (Array.isArray(value)) return 'L';
  if (value instanceof Set) {
    const first: unknown = value.values().next().value;
    if (typeof first === 'number' || typeof first === 'bigint') return 'NS';
    return first instanceof Uint8Array ? 'BS' : 'SS';
  }
  return 'M';
}
