import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validate, type ValidationError } from 'class-validator';

import { validationProblem, type FieldError } from '../http/problem';

type DtoClass<T> = new () => T;

// The decorators run once, when the class is defined: its declared fields never change after that.
const DECLARED = new WeakMap<DtoClass<object>, ReadonlySet<string>>();

/** The fields a DTO declares: the properties its validation decorators name. */
export function declaredFieldsOf(dtoClass: DtoClass<object>): ReadonlySet<string> {
  const known = DECLARED.get(dtoClass);
  if (known) return known;
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dtoClass, '', false, false);
  const fields = new Set(metadata.map((entry) => entry.propertyName));
  DECLARED.set(dtoClass, fields);
  return fields;
}

/**
 * `raw` as a validated DTO, or a 400 listing every problem. Every DTO goes through
 * class-transformer and class-validator, every time. Two checks come first, because
 * class-transformer 0.5 walks whatever it is given and can fail on JSON instead of refusing it
 * (a TypeError on an object with a `constructor` key, a RangeError on arrays ~2,000 deep):
 * - unknown keys are taken out, so `__proto__` and the like never reach an assignment;
 * - every declared field takes one JSON value (our DTOs have no nested ones), so an object or an
 *   array in it is refused by its shape alone, whatever its keys or depth, and never walked.
 * class-validator's own whitelist + forbidNonWhitelisted stays on as a second guard; there is no
 * implicit conversion, so `"limit": "5"` stays text and `"email": 5` is an error, not "5".
 */
export async function toValidDto<T extends object>(
  dtoClass: DtoClass<T>,
  raw: Readonly<Record<string, unknown>>,
  what = 'The request',
): Promise<T> {
  const fields = declaredFieldsOf(dtoClass);
  // Unknown keys are the client's text: they are kept by position (1-based, as sent), never by name.
  const unknown: number[] = [];
  const structured: FieldError[] = [];
  const known: Record<string, unknown> = {};
  const keys = Object.keys(raw);
  for (const [index, key] of keys.entries()) {
    const value = raw[key];
    if (!fields.has(key)) unknown.push(index + 1);
    else if (typeof value === 'object' && value !== null) structured.push(notOneValue(key, value));
    else known[key] = value;
  }
  const instance = plainToInstance(dtoClass, known, { enableImplicitConversion: false });
  const invalid = await validate(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  const refusedByShape = new Set(structured.map(({ field }) => field));
  const errors: FieldError[] = [
    ...unknown.slice(0, MAX_UNKNOWN_LISTED).map(unknownFieldError),
    ...structured,
    // A field refused by its shape was left out, so a "required" on it would be noise.
    ...invalid.filter((error) => !refusedByShape.has(error.property)).flatMap(fieldErrorsOf),
  ];
  if (errors.length > 0) {
    throw validationProblem(
      unknown.length > 0 ? unknownFieldsDetail(what, unknown.length, fields) : `${what} has invalid fields.`,
      errors,
    );
  }
  return instance;
}

/** How many unknown fields a problem lists one by one: a body of a thousand keys gets ten errors, not a thousand. */
const MAX_UNKNOWN_LISTED = 10;

/**
 * An unknown field, named by its position among the fields sent (`#2`): its name is the client's
 * text (`<script>…` as easily as `nickname`), so an answer that quoted it could carry markup or
 * a megabyte back to whoever reads it.
 */
const unknownFieldError = (position: number): FieldError => ({
  field: `#${position}`,
  message: 'is not a known field (fields are counted from 1 in the order sent)',
});

/** Names our own fields, which are safe to show, and counts the client's, which are not. */
const unknownFieldsDetail = (what: string, count: number, fields: ReadonlySet<string>): string =>
  `${what} has ${count === 1 ? 'an unknown field' : `${count} unknown fields`}; it accepts only: ${[...fields].join(', ')}.`;

/** The complaint about an object or array in a field: it names the shape, never the value. */
const notOneValue = (field: string, value: object): FieldError => ({
  field,
  message: `must be a single value (a string, number, boolean or null), not ${Array.isArray(value) ? 'an array' : 'an object'}`,
});

function fieldErrorsOf(error: ValidationError): FieldError[] {
  // Our decorators all carry their own messages; a missing one falls back to a neutral text.
  const messages = Object.values(error.constraints ?? {});
  return [{ field: error.property, message: messages[0] ?? 'is invalid' }];
}
