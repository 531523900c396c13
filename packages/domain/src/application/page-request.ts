import type { ConfigProvider } from '../ports/config-provider';
import type { PageRequest } from '../ports/user-profile-repository';
import { err, ok, type Result } from '../shared/result';
import { InvalidPageSizeError } from './errors';

/** What a caller asks of a paged read: both optional. */
export interface PageQuery {
  /** Defaults to the configured page size. */
  readonly limit?: number;
  readonly cursor?: string;
}

/** The page a paged read asks the repository for: the limit within the configured bounds. */
export async function pageRequestOf(
  query: PageQuery,
  config: ConfigProvider,
): Promise<Result<PageRequest, InvalidPageSizeError>> {
  const { defaultPageSize, maxPageSize } = await config.get();
  const limit = query.limit ?? defaultPageSize;
  if (!Number.isInteger(limit) || limit < 1 || limit > maxPageSize) return err(new InvalidPageSizeError(maxPageSize));
  return ok({ limit, ...(query.cursor !== undefined && { cursor: query.cursor }) });
}
