import { portToken } from '../shared/port-token';

/**
 * One audited action: who asked to do what to whose profile, recorded before it is done. Ids
 * only, never a value of the profile (no email, name or phone number), so that the trail can be
 * kept long and read by people who may not see personal data. How the request ended is in the
 * service log's summary line with the same request id; a refused request (403) also gets a
 * record of its own, with `outcome` and `reason`, so that who probed whom can be told. A record's
 * `target` is stored only as its keyed pseudonym (`pseudonymOf`, audit-pseudonym.ts): every
 * runtime's trail is wrapped so.
 */
export interface AuditRecord {
  /** When the action was asked for, ISO 8601 UTC. */
  readonly time: string;
  /** The request id clients and the access log see, to join the trail with other logs. */
  readonly requestId: string;
  /** The caller's `sub`. */
  readonly actor: string;
  /** Whether the caller acted as an administrator. */
  readonly actorIsAdmin: boolean;
  /** The operation, as `METHOD /resource` (e.g. `DELETE /users/{userId}`). */
  readonly action: string;
  /** The user id acted on; `*` for a listing or a lookup, which span profiles. */
  readonly target: string;
  /**
   * `refused` on the record of a request answered 403, written when the refusal is answered
   * (whoever the caller); absent on a record written before an action runs.
   */
  readonly outcome?: 'refused';
  /** Why a `refused` request was refused; set exactly when `outcome` is. */
  readonly reason?: RefusalReason;
}

/**
 * Why a request was refused: `forbidden`, the caller may not act on that profile (or list or
 * look up profiles); `email-not-verified-for-caller`, a non-admin set an email other than the
 * verified one of their sign-in token.
 */
export type RefusalReason = 'forbidden' | 'email-not-verified-for-caller';

/**
 * Where audit records go (a log group of their own in AWS, a file locally). `record` resolves
 * once the record is stored; it throws when it cannot be.
 *
 * No domain rule needs it (only the HTTP pipeline calls it); it stays in the domain package
 * because its adapter lives in adapters-aws, which may not import http-lambda (dependency-cruiser
 * rule, and a `tsc -b` reference cycle), and the domain is the one package both depend on.
 */
export interface AuditTrail {
  record(entry: AuditRecord): Promise<void>;
}

export const AUDIT_TRAIL = portToken<AuditTrail>('AuditTrail');
