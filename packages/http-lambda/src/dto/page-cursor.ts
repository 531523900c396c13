import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * The optional `cursor` of a paged listing (`nextCursor` of the previous page), checked the
 * same way wherever a listing takes one: a non-empty string no longer than any cursor we issue.
 */
export function IsPageCursor(): PropertyDecorator {
  const rules = [
    IsOptional(),
    IsString({ message: 'must be a string' }),
    IsNotEmpty({ message: 'must not be empty' }),
    MaxLength(2048, { message: 'is too long to be a cursor this service issued' }),
  ];
  // Applied bottom first, as the same decorators stacked on the property would be.
  return (target, property) => rules.toReversed().forEach((rule) => rule(target, property));
}
