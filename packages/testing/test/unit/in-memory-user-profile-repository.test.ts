import { describeUserProfileRepositoryContract, InMemoryUserProfileRepository } from '../../src';

describeUserProfileRepositoryContract('in memory', () => new InMemoryUserProfileRepository());
