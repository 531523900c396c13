/**
 * The outcome of an operation whose failure is expected (not found, stale version, invalid
 * input...). Faults (a store that is down, a bug) are thrown instead, never returned.
 */
export type Result<T, E> = Ok<T> | Err<E>;

export interface Ok<T> {
  readonly ok: true;
  readonly value: T;
}

export interface Err<E> {
  readonly ok: false;
  readonly error: E;
}

export const ok = <T = void>(value?: T): Ok<T> => ({ ok: true, value: value as T });
export const err = <E>(error: E): Err<E> => ({ ok: false, error });
