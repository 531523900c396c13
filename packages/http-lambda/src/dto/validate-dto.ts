import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';

import { validationProblem, type FieldError } from '../http/problem';
import { dtoRulesOf, validWithoutValidator } from './dto-rules';

type DtoClass<T> = new () => T;

/** The fields a DTO declares: the properties its validation decorators name. */
export const declaredFieldsOf = (dtoClass: DtoClass<object>): ReadonlySet<string> => dtoRulesOf(dtoClass).fields;

/**
 * `raw` as a validated DTO, or a 400 listing every problem (unknown fields included).
 * Unknown keys are taken out BEFORE class-transformer sees the object: a key such as
 * `__proto__` or `constructor` must never reach an assignment. class-validator's own
 * whitelist + forbidNonWhitelisted stays on as a second guard; there is no implicit
 * conversion, so `"limit": "5"` stays text and `"email": 5` is an error, not "5". A DTO whose
 * fields all hold strings where any string will do skips both libraries, which could only
 * agree (see `validWithoutValidator`).
 */
export async function toValidDto<T extends object>(
  dtoClass: DtoClass<T>,
  raw: Readonly<Record<string, unknown>>,
  what = 'The request',
): Promise<T> {
  const rules = dtoRulesOf(dtoClass);
  const unknown: string[] = [];
  // Only declared keys are ever assigned, so `__proto__` and the like stay out of reach.
  const known: Record<string, unknown> = {};
  for (const key of Object.keys(raw)) {
    if (rules.fields.has(key)) known[key] = raw[key];
    else unknown.push(key);
  }
  const valid = unknown.length === 0 ? validWithoutValidator(dtoClass, rules, known) : undefined;
  if (valid) return valid;
  const instance = plainToInstance(dtoClass, known, { enableImplicitConversion: false });
  const invalid = await validate(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  const errors: FieldError[] = [
    ...unknown.map((field) => ({ field, message: 'is not a known field' })),
    ...invalid.flatMap(fieldErrorsOf),
  ];
  if (errors.length > 0) {
    throw validationProblem(
      unknown.length > 0 ? `${what} has unknown fields: ${unknown.join(', ')}.` : `${what} has invalid fields.`,
      errors,
    );
  }
  return instance;
}

function fieldErrorsOf(error: ValidationError): FieldError[] {
  // Our decorators all carry their own messages; a missing one falls back to a neutral text.
  const messages = Object.values(error.constraints ?? {});
  return [{ field: error.property, message: messages[0] ?? 'is invalid' }];
}
