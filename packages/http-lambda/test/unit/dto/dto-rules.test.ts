import 'reflect-metadata';

import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import fc from 'fast-check';

import { dtoRulesOf, passesWithoutValidation } from '../../../src/dto/dto-rules';
import { BODY_DTOS, QUERY_DTOS } from '../../../src/openapi/dto-classes';
import { UpdateUserProfileBody } from '../../../src/routes/update-user-profile/body';

const EVERY_DTO = Object.entries({ ...BODY_DTOS, ...QUERY_DTOS });

/** Any JSON a client could send in a field, absent included. */
const fieldValue = fc.oneof(
  fc.string(),
  fc.constantFrom('', ' ', 'ada@example.com', '12', 'x'.repeat(3000)),
  fc.constant(null),
  fc.constant(undefined),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.array(fc.string(), { maxLength: 2 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
);

const instanceOf = (dtoClass: new () => object, raw: Record<string, unknown>): object =>
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

describe('passesWithoutValidation', () => {
  it.each(EVERY_DTO)('never passes a %s that class-validator refuses', async (_name, dtoClass) => {
    // Prepare
    const rules = dtoRulesOf(dtoClass);
    const record = fc.record(Object.fromEntries([...rules.fields].map((field) => [field, fieldValue])), {
      requiredKeys: [],
    });

    await fc.assert(
      fc.asyncProperty(record, async (raw) => {
        // Act
        const instance = instanceOf(dtoClass, raw);

        // Assess
        if (passesWithoutValidation(rules, instance)) expect(await validatorErrors(instance)).toBe(0);
      }),
      { numRuns: 500, seed: 13 },
    );
  });

  it('decides a partial update of strings without the validator, as class-validator would', async () => {
    // Prepare
    const instance = instanceOf(UpdateUserProfileBody, { firstName: 'Grace', phoneNumber: null });

    // Act
    const passes = passesWithoutValidation(dtoRulesOf(UpdateUserProfileBody), instance);

    // Assess
    expect(passes).toBe(true);
    expect(await validatorErrors(instance)).toBe(0);
  });

  it.each([
    ['a number where a string goes', { firstName: 42 }],
    ['an object where a string goes', { email: { $ne: '' } }],
    ['null for a name', { lastName: null }],
  ])('leaves %s to the validator', (_case, raw) => {
    // Act
    const passes = passesWithoutValidation(dtoRulesOf(UpdateUserProfileBody), instanceOf(UpdateUserProfileBody, raw));

    // Assess
    expect(passes).toBe(false);
  });
});
