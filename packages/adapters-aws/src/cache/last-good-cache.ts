export interface LastGoodCacheOptions<T> {
  /** Reads the value afresh; may throw. */
  readonly load: () => Promise<T>;
  /** How long a loaded value is served before the next load. */
  readonly ttlMs: number;
  /** After a failed refresh, how long the last good value is served before loading again. */
  readonly retryAfterFailureMs: number;
  /** Turns a load failure with no good value to fall back on into what callers see. */
  readonly unavailable: (error: unknown) => unknown;
  /** Told when a refresh fails and the last good value is served instead. */
  readonly onRefreshFailure: (error: unknown) => void;
  /** Milliseconds since the epoch; injectable so tests control time. @default Date.now */
  readonly now?: () => number;
}

/**
 * A value read from a remote source, cached for `ttlMs`, with the behaviour every such read in
 * a Lambda needs: concurrent callers share one load (single flight), and once a load has
 * succeeded a failed refresh never fails a caller: the last good value is served and the
 * source is tried again after a short pause rather than on every request.
 *
 * Hand-written because no library does both single flight and serving the last good value
 * after a failed refresh: Powertools Parameters' cache, for one, sends a call per concurrent
 * caller once expired, and throws when a refresh fails.
 */
export class LastGoodCache<T> {
  private readonly options: LastGoodCacheOptions<T>;
  private readonly now: () => number;
  private cache: { readonly value: T; readonly expiresAt: number } | undefined;
  private inFlight: Promise<T> | undefined;

  constructor(options: LastGoodCacheOptions<T>) {
    this.options = options;
    this.now = options.now ?? Date.now;
  }

  /** The cached value, or a fresh one when it has expired. */
  get(): Promise<T> {
    const cached = this.cache;
    if (cached && this.now() < cached.expiresAt) return Promise.resolve(cached.value);
    this.inFlight ??= this.refresh().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async refresh(): Promise<T> {
    try {
      const value = await this.options.load();
      this.cache = { value, expiresAt: this.now() + this.options.ttlMs };
      return value;
    } catch (error) {
      const lastGood = this.cache;
      if (lastGood === undefined) throw this.options.unavailable(error);
      this.options.onRefreshFailure(error);
      const pause = Math.min(this.options.ttlMs, this.options.retryAfterFailureMs);
      this.cache = { value: lastGood.value, expiresAt: this.now() + pause };
      return lastGood.value;
    }
  }
}
