import { CONFIG_PROVIDER, type ConfigProvider } from '../ports/config-provider';
import {
  USER_PROFILE_REPOSITORY,
  type PageRequest,
  type ProfilePage,
  type UserProfileRepository,
} from '../ports/user-profile-repository';
import { err, ok, type Result } from '../shared/result';
import { InvalidPageSizeError } from './errors';

/** What a caller asks of a paged read: both optional. */
export interface PageQuery {
  /** Defaults to the configured page size. */
  readonly limit?: number;
  readonly cursor?: string;
}

/** The base of a use case that reads profiles a page at a time, within the configured page bounds. */
export abstract class PagedProfileRead {
  /** What its constructor takes, by token, in order (`BuiltFromPorts`): how any runtime builds it. */
  static readonly ports = [USER_PROFILE_REPOSITORY, CONFIG_PROVIDER] as const;

  constructor(
    protected readonly profiles: UserProfileRepository,
    private readonly config: ConfigProvider,
  ) {}

  /** The page `query` asks for, as `read` reads it; or why that page size is refused. */
  protected async readPage<E>(
    query: PageQuery,
    read: (page: PageRequest) => Promise<Result<ProfilePage, E>>,
  ): Promise<Result<ProfilePage, E | InvalidPageSizeError>> {
    const page = await this.pageRequestOf(query);
    return page.ok ? read(page.value) : page;
  }

  private async pageRequestOf(query: PageQuery): Promise<Result<PageRequest, InvalidPageSizeError>> {
    const { defaultPageSize, maxPageSize } = await this.config.get();
    const limit = query.limit ?? defaultPageSize;
    if (!Number.isInteger(limit) || limit < 1 || limit > maxPageSize) return err(new InvalidPageSizeError(maxPageSize));
    return ok({ limit, ...(query.cursor !== undefined && { cursor: query.cursor }) });
  }
}
