import { getMetadataStorage, ValidationTypes } from 'class-validator';

type DtoClass = abstract new () => object;
type Condition = (object: object, value: unknown) => boolean;
/** One rule on one property, as class-validator keeps it (its type is not exported by name). */
type ValidationMetadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

/** What class-validator's metadata says about one declared field, read once per class. */
interface FieldRules {
  readonly field: string;
  /** `@IsOptional` and `@ValidateIf`: when one of them says no, class-validator checks nothing else on the field. */
  readonly conditions: readonly Condition[];
  /** Whether a string passes every other rule: the field has no rule but `@IsString` and `@IsDefined`. */
  readonly stringPasses: boolean;
}

/** A DTO class's validation metadata, read once: its declared fields and what each of them takes. */
export interface DtoRules {
  /** The properties its validation decorators name. */
  readonly fields: ReadonlySet<string>;
  readonly perField: readonly FieldRules[];
}

/** Rules a string always satisfies. Anything else (lengths, patterns, `each`, nesting) needs class-validator. */
const satisfiedByAnyString = (metadata: ValidationMetadata): boolean =>
  !metadata.each &&
  (metadata.type === ValidationTypes.IS_DEFINED ||
    metadata.type === ValidationTypes.WHITELIST ||
    (metadata.type === ValidationTypes.CUSTOM_VALIDATION && metadata.name === 'isString'));

// The decorators run once, when the class is defined: its metadata never changes after that.
const RULES = new WeakMap<DtoClass, DtoRules>();

/** The validation rules of `dtoClass`, as class-validator would apply them (no groups, `always` off). */
export function dtoRulesOf(dtoClass: DtoClass): DtoRules {
  const known = RULES.get(dtoClass);
  if (known) return known;
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dtoClass as new () => object, '', false, false);
  const byField = new Map<string, ValidationMetadata[]>();
  for (const entry of metadata) byField.set(entry.propertyName, [...(byField.get(entry.propertyName) ?? []), entry]);
  const perField = [...byField].map(([field, entries]): FieldRules => {
    const conditional = entries.filter((entry) => entry.type === ValidationTypes.CONDITIONAL_VALIDATION);
    return {
      field,
      conditions: conditional.map((entry) => entry.constraints[0] as Condition),
      stringPasses: entries.every((entry) => conditional.includes(entry) || satisfiedByAnyString(entry)),
    };
  });
  const rules: DtoRules = { fields: new Set(byField.keys()), perField };
  RULES.set(dtoClass, rules);
  return rules;
}

/**
 * Whether class-validator would find nothing wrong with `instance`, decided without running it:
 * every field is either skipped by one of its conditions, or a string on a field that takes any
 * string. `false` means "run the validator", not "invalid".
 */
export function passesWithoutValidation(rules: DtoRules, instance: object): boolean {
  if (rules.perField.length === 0) return false;
  const values = instance as Readonly<Record<string, unknown>>;
  for (const { field, conditions, stringPasses } of rules.perField) {
    const value = values[field];
    if (skippedByCondition(conditions, instance, value)) continue;
    if (!stringPasses || typeof value !== 'string') return false;
  }
  // `whitelist` would refuse any other own property.
  for (const key of Object.keys(instance)) if (!rules.fields.has(key)) return false;
  return true;
}

/** Whether one of a field's conditions says no (class-validator then checks nothing else on it). */
function skippedByCondition(conditions: readonly Condition[], instance: object, value: unknown): boolean {
  for (const condition of conditions) if (!condition(instance, value)) return true;
  return false;
}

const isPrimitive = (value: unknown): boolean => value === null || typeof value !== 'object';

/**
 * `known` (declared fields only) as a `dtoClass` that class-validator could only pass, or
 * undefined when the validator has to run. A well-formed request (strings where strings go)
 * then pays for neither library: primitives need no transforming, so the instance
 * class-transformer would build is the class with the values assigned (the DTOs carry no
 * class-transformer decorators; a unit test holds the two equal).
 */
export function validWithoutValidator<T extends object>(
  dtoClass: new () => T,
  rules: DtoRules,
  known: Readonly<Record<string, unknown>>,
): T | undefined {
  for (const key in known) if (!isPrimitive(known[key])) return undefined;
  const instance = Object.assign(new dtoClass(), known);
  return passesWithoutValidation(rules, instance) ? instance : undefined;
}
