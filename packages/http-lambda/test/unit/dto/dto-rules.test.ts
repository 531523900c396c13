import 'reflect-metadata';

import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import fc from 'fast-check';

import { dtoRulesOf, passesWithoutValidation, validWithoutValidator } from '../../../src/dto/dto-rules';
import { BODY_DTOS, QUERY_DTOS } from '../../../src/openapi/dto-classes';
import { UpdateUserProfileBody } from '../../../src/routes/update-user-profile/body';

const EVERY_DTO = Object.entries({ ...BODY_DTOS, ...QUERY_DTOS });

/** Any JSON a client could send in a field, absent (undefined) included; strings most often. */
const fieldValue = fc.oneof(
  { arbitrary: fc.string(), weight: 6 },
  { arbitrary: fc.constantFrom('', ' ', ' Ada ', 'ada@example.com', '12', 'x'.repeat(3000)), weight: 2 },
  fc.constant(null),
  fc.constant(undefined),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.array(fc.string(), { maxLength: 2 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
);

/** Bodies of a DTO's declared fields, with any values. */
const bodiesOf = (dtoClass: new () => object) =>
  fc.record(Object.fromEntries([...dtoRulesOf(dtoClass).fields].map((field) => [field, fieldValue])));

const transformed = (dtoClass: new () => object, raw: Record<string, unknown>): object =>
  plainToInstance(dtoClass, raw, { enableImplicitConversion: false });

const validatorErrors = async (instance: object): Promise<number> =>
  (
    await validate(instance, {
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      validationError: { target: false, value: false },
    })
  ).length;

describe('validation without the validator', () => {
  it.each(EVERY_DTO)('never passes a %s that class-validator refuses', async (_name, dtoClass) => {
    let passed = 0;
    await fc.assert(
      fc.asyncProperty(bodiesOf(dtoClass), async (raw) => {
        // Act
        const instance = transformed(dtoClass, raw);

        // Assess
        if (!passesWithoutValidation(dtoRulesOf(dtoClass), instance)) return;
        passed += 1;
        expect(await validatorErrors(instance)).toBe(0);
      }),
      { numRuns: 500, seed: 13 },
    );
    expect(passed).toBeGreaterThan(0);
  });

  it.each(EVERY_DTO)('builds every %s it passes as class-transformer would', async (_name, dtoClass) => {
    let built = 0;
    await fc.assert(
      fc.asyncProperty(bodiesOf(dtoClass), async (raw) => {
        // Act
        const instance = validWithoutValidator(dtoClass, dtoRulesOf(dtoClass), raw);

        // Assess
        if (instance === undefined) return;
        built += 1;
        const expected = transformed(dtoClass, raw);
        expect(Object.getPrototypeOf(instance)).toBe(dtoClass.prototype);
        expect({ ...instance }).toStrictEqual({ ...expected });
        expect(await validatorErrors(instance)).toBe(0);
      }),
      { numRuns: 500, seed: 13 },
    );
    expect(built).toBeGreaterThan(0);
  });

  it('decides a partial update of strings (and a cleared phone number) without the validator', async () => {
    // Act
    const instance = validWithoutValidator(UpdateUserProfileBody, dtoRulesOf(UpdateUserProfileBody), {
      firstName: 'Grace',
      phoneNumber: null,
    });

    // Assess
    expect(instance).toBeInstanceOf(UpdateUserProfileBody);
    expect(await validatorErrors(instance!)).toBe(0);
  });

  it.each([
    ['a number where a string goes', { firstName: 42 }],
    ['an object where a string goes', { email: { $ne: '' } }],
    ['null for a name', { lastName: null }],
  ])('leaves %s to the validator', (_case, raw) => {
    // Act
    const instance = validWithoutValidator(UpdateUserProfileBody, dtoRulesOf(UpdateUserProfileBody), raw);

    // Assess
    expect(instance).toBeUndefined();
  });
});
