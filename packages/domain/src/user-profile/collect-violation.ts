import type { Result } from '../shared/result';
import type { FieldRuleViolation } from './errors';

/** The value of a field rule's result, or undefined after adding its violation to `violations`. */
export function collectViolation<T>(
  result: Result<T, FieldRuleViolation>,
  violations: FieldRuleViolation[],
): T | undefined {
  if (result.ok) return result.value;
  violations.push(result.error);
  return undefined;
}
