import { IsDefined, IsOptional, IsString, ValidateIf } from 'class-validator';

/**
 * The body of `POST /users`. Only shapes are checked here; the domain checks the rules
 * (email form, name length, E.164) so they are written once.
 */
export class CreateUserProfileBody {
  /** Someone else's id: administrators only. Absent: the caller's own. */
  @IsOptional()
  @IsString({ message: 'must be a string' })
  userId?: string;

  @IsDefined({ message: 'is required' })
  @IsString({ message: 'must be a string' })
  email!: string;

  @IsDefined({ message: 'is required' })
  @IsString({ message: 'must be a string' })
  firstName!: string;

  @IsDefined({ message: 'is required' })
  @IsString({ message: 'must be a string' })
  lastName!: string;

  /** `null` or absent: no number. */
  @ValidateIf((_body: object, value: unknown) => value !== null && value !== undefined)
  @IsString({ message: 'must be a string or null' })
  phoneNumber?: string | null;
}
