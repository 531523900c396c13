import { IsDefined, IsInt, IsOptional, IsString } from 'class-validator';

import { IsPageCursor } from '../../dto/page-cursor';

/**
 * The body of `POST /users/search`: the email travels here, never in a URL (URLs are kept by
 * traces, gateway logs and proxies). Shapes only: the domain checks the email's form and the
 * use case the page size (its bounds are configuration), as for the list.
 */
export class SearchUserProfilesBody {
  /** Exact, case-insensitive: every profile with this email, a page at a time. */
  @IsDefined({ message: 'is required' })
  @IsString({ message: 'must be a string' })
  email!: string;

  /** 1 to the configured maximum (100 by default); default 20. */
  @IsOptional()
  @IsInt({ message: 'must be a whole number' })
  limit?: number;

  /** `nextCursor` from the previous page of the same lookup. */
  @IsPageCursor()
  cursor?: string;
}
