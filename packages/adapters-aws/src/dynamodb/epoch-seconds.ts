/**
 * Whole seconds, rounded up, as DynamoDB's TTL wants them: a record is live while
 * `expiresAt > now`, so rounding the expiry up and now down never ends a record early.
 */
export const epochSeconds = (date: Date): number => Math.ceil(date.getTime() / 1000);
export const nowSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);
