import type { Logger } from '@aws-lambda-powertools/logger';
import type {
  CreateUserProfile,
  DeleteUserProfile,
  FindUserProfilesByEmail,
  GetUserProfile,
  ListUserProfiles,
  PortToken,
  UpdateUserProfile,
} from '@userprofile/domain';

/**
 * Every DI token of the HTTP layer, in one place. The domain's ports keep their own tokens
 * (`USER_PROFILE_REPOSITORY`, `CONFIG_PROVIDER`, `CLOCK`) beside their interfaces.
 */
export type Token<T> = symbol & { readonly __type?: T };

const token = <T>(name: string): Token<T> => Symbol.for(`userprofile.http.${name}`) as Token<T>;

/** The service's root logger; requests log through a child of it. */
export const LOGGER = token<Logger>('Logger');

/** The domain's use cases: plain classes, so they are built by factories, not decorators. */
export const USE_CASES = {
  createUserProfile: token<CreateUserProfile>('CreateUserProfile'),
  getUserProfile: token<GetUserProfile>('GetUserProfile'),
  updateUserProfile: token<UpdateUserProfile>('UpdateUserProfile'),
  deleteUserProfile: token<DeleteUserProfile>('DeleteUserProfile'),
  listUserProfiles: token<ListUserProfiles>('ListUserProfiles'),
  findUserProfilesByEmail: token<FindUserProfilesByEmail>('FindUserProfilesByEmail'),
} as const;

interface Resolver {
  get<T>(serviceIdentifier: symbol): T;
}

/** A typed lookup: the token's type parameter becomes the result type. */
export const resolve = <T>(resolver: Resolver, id: Token<T> | PortToken<T>): T => resolver.get<T>(id);
