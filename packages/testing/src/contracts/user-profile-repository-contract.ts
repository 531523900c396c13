import type { UserProfile, UserProfileRepository } from '@userprofile/domain';
import { describeApplyChange } from './repository-contract/apply-change';
import type { ContractContext } from './repository-contract/contract-context';
import { describeClaim } from './repository-contract/claim';
import { describeDelete } from './repository-contract/delete';
import { describeFindByEmail } from './repository-contract/find-by-email';
import { describeGetAndCreate } from './repository-contract/get-and-create';
import { describeLegacyItems } from './repository-contract/legacy-items';
import { describeList } from './repository-contract/list';
import { describeWriteToken } from './repository-contract/write-token';

/** Makes a new, empty repository for one test. */
export type RepositoryFactory = () => UserProfileRepository | Promise<UserProfileRepository>;

/** What a store can do beyond the port, for the parts of the contract that need it. */
export interface RepositoryContractOptions {
  /**
   * Stores, in the store the last factory call made, an item in a shape an older writer left
   * (served as version 1 of the `legacy` incarnation) and returns its id. Omitted for a store
   * that can hold no such item (the in-memory one); the legacy part of the contract then
   * does not apply to it.
   */
  readonly storeLegacyItem?: () => Promise<string>;
}

/**
 * The behaviour every `UserProfileRepository` must have. Each adapter's test file calls this
 * with a factory for a fresh, empty repository; the same assertions then hold for all.
 */
export function describeUserProfileRepositoryContract(
  adapterName: string,
  makeRepository: RepositoryFactory,
  options: RepositoryContractOptions = {},
): void {
  describe(`UserProfileRepository contract: ${adapterName}`, () => {
    let repository: UserProfileRepository | undefined;
    beforeEach(async () => {
      repository = await makeRepository();
    });

    const ctx: ContractContext = {
      get repository() {
        if (!repository) throw new Error('the repository is made per test: use it inside a test');
        return repository;
      },
      async store(...profiles: UserProfile[]) {
        for (const profile of profiles) {
          const created = await ctx.repository.create(profile);
          if (!created.ok) throw created.error;
        }
      },
      stored: async (userId) => (await ctx.repository.get(userId))?.toPrimitives(),
    };

    describeGetAndCreate(ctx);
    describeApplyChange(ctx);
    if (options.storeLegacyItem) describeLegacyItems(ctx, options.storeLegacyItem);
    describeDelete(ctx);
    describeClaim(ctx);
    describeList(ctx);
    describeFindByEmail(ctx);
    describeWriteToken(ctx);
  });
}
