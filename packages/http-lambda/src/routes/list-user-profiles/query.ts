import { IsOptional, Matches } from 'class-validator';

import { IsPageCursor } from '../../dto/page-cursor';

/**
 * The query of `GET /users`: paging only. No parameter may carry personal data (`email` moved
 * to the body of `POST /users/search`). Query values are text: `limit` is checked as digits here
 * and its range by the use case (the bounds are configuration).
 */
export class ListUserProfilesQuery {
  /** 1 to the configured maximum (100 by default); default 20. */
  @IsOptional()
  @Matches(/^[0-9]{1,6}$/, { message: 'must be a whole number' })
  limit?: string;

  /** `nextCursor` from the previous page. */
  @IsPageCursor()
  cursor?: string;
}
