import { portToken } from '../shared/port-token';

/**
 * One audited action: who asked to do what to whose profile, recorded before it is done. Ids
 * only, never a value of the profile (no email, name or phone number), so that the trail can be
 * kept long and read by people who may not see personal data. How the request ended is in the
 * service log's summary line with the same request id. A record's `target` is stored only as
 * its keyed pseudonym (`pseudonymOf`, audit-pseudonym.ts): every runtime's trail is wrapped so.
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
}

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
