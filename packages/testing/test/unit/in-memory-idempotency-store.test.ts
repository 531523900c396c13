import { describeIdempotencyStoreContract, InMemoryIdempotencyStore } from '../../src/testing';

describeIdempotencyStoreContract('in memory', () => new InMemoryIdempotencyStore());
