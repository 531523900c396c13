import { describeUserProfileRepositoryContract, InMemoryUserProfileRepository } from '../../src/testing';

describeUserProfileRepositoryContract('in memory', () => new InMemoryUserProfileRepository());
