import 'reflect-metadata';

import { getMetadataStorage, ValidationTypes } from 'class-validator';

import { BODY_DTOS, QUERY_DTOS } from '../../../src/openapi/dto-classes';

const EVERY_DTO = Object.entries({ ...BODY_DTOS, ...QUERY_DTOS });

describe('the DTOs toValidDto checks by shape', () => {
  // toValidDto refuses an object or array in any declared field before class-transformer sees
  // it: a field that took one (nested, `each`) would need that check to learn its shape first.
  it.each(EVERY_DTO)('%s declares only fields that take one JSON value', (_name, dtoClass) => {
    // Act
    const rules = getMetadataStorage().getTargetValidationMetadatas(dtoClass, '', false, false);

    // Assess
    const structured = rules.filter(
      (rule) =>
        rule.type === ValidationTypes.NESTED_VALIDATION ||
        rule.each === true ||
        ['isArray', 'isObject', 'arrayNotEmpty'].includes(rule.name ?? ''),
    );
    expect(rules.length).toBeGreaterThan(0);
    expect(structured.map((rule) => `${rule.propertyName}: ${rule.name ?? rule.type}`)).toEqual([]);
  });
});
