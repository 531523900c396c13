import type { BodyKey, QueryKey } from '../routes';
import { CreateUserProfileBody } from '../routes/create-user-profile/body';
import { ListUserProfilesQuery } from '../routes/list-user-profiles/query';
import { SearchUserProfilesBody } from '../routes/search-user-profiles/body';
import { UpdateUserProfileBody } from '../routes/update-user-profile/body';

type DtoClass = new () => object;

/** The class behind each body key of the route table (a missing one does not compile). */
export const BODY_DTOS: Readonly<Record<BodyKey, DtoClass>> = {
  CreateUserProfileBody,
  UpdateUserProfileBody,
  SearchUserProfilesBody,
};

/** The class behind each query key of the route table. */
export const QUERY_DTOS: Readonly<Record<QueryKey, DtoClass>> = {
  ListUserProfilesQuery,
};
