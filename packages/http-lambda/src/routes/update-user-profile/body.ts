import { IsString, ValidateIf } from 'class-validator';

// An absent field stays as it is; `null` is not "absent" (only phoneNumber may be cleared).
const present = (_body: object, value: unknown): boolean => value !== undefined;

/** The body of `PUT`/`PATCH /users/{userId}`: a partial update of the mutable fields. */
export class UpdateUserProfileBody {
  @ValidateIf(present)
  @IsString({ message: 'must be a string' })
  email?: string;

  @ValidateIf(present)
  @IsString({ message: 'must be a string' })
  firstName?: string;

  @ValidateIf(present)
  @IsString({ message: 'must be a string' })
  lastName?: string;

  /** `null` clears the number. */
  @ValidateIf((_body: object, value: unknown) => value !== null && value !== undefined)
  @IsString({ message: 'must be a string or null' })
  phoneNumber?: string | null;
}
