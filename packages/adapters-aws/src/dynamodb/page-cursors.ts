import { CursorCodec, type CursorKeys, type CursorKeySource } from './cursor';

/** The cursor codec of a key source's current keys, rebuilt only when the source hands out other keys. */
export class PageCursors {
  private cached: { readonly keys: CursorKeys; readonly codec: CursorCodec } | undefined;

  constructor(private readonly keys: CursorKeySource) {}

  /**
   * The codec of the current keys. A page given a cursor needs them before it reads; a first
   * page only if it turns out to have a next one, so their read runs beside the page's and is
   * awaited only then: keys that cannot be read fail only the requests that need them.
   */
  codecFor(cursor: string | undefined): Promise<CursorCodec> {
    const codec = this.keys.get().then((keys) => {
      if (this.cached?.keys !== keys) this.cached = { keys, codec: new CursorCodec(keys) };
      return this.cached.codec;
    });
    // Not awaited when the page is the last: its failure must not become an unhandled rejection.
    if (cursor === undefined) codec.catch(() => undefined);
    return codec;
  }
}
