import type { AccountDirectory } from '@userprofile/domain';

/** The user pool as a set of `sub`s; `failNext` makes the next delete throw, for erasure's fault tests. */
export class InMemoryAccountDirectory implements AccountDirectory {
  private readonly subs = new Set<string>();
  private pendingFault: Error | undefined;

  constructor(subs: Iterable<string> = []) {
    for (const sub of subs) this.subs.add(sub);
  }

  /** Adds an account, as a confirmed sign-up does. */
  signUp(sub: string): void {
    this.subs.add(sub);
  }

  /** The next `deleteAccount` throws `fault` instead of deleting. */
  failNext(fault: Error): void {
    this.pendingFault = fault;
  }

  hasAccount(sub: string): Promise<boolean> {
    return Promise.resolve(this.subs.has(sub));
  }

  deleteAccount(sub: string): Promise<void> {
    const fault = this.pendingFault;
    this.pendingFault = undefined;
    if (fault) return Promise.reject(fault);
    this.subs.delete(sub);
    return Promise.resolve();
  }
}
