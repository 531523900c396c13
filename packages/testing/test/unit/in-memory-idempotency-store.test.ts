import { describeIdempotencyStoreContract, InMemoryIdempotencyStore } from '../../src';

describeIdempotencyStoreContract('in memory', () => new InMemoryIdempotencyStore());
