import type { UserProfileRepository } from '@userprofile/domain';

/** The repository, counting the writes that reach it. */
export function counting(inner: UserProfileRepository): { repository: UserProfileRepository; writes: () => number } {
  let writes = 0;
  const repository = new Proxy(inner, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (property === 'create' || property === 'applyChange' || property === 'delete') writes += 1;
        return (value as (...a: unknown[]) => unknown).apply(object, args);
      };
    },
  });
  return { repository, writes: () => writes };
}
