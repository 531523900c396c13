/** The reference handler (see reference-core.ts): its table name from the environment. */
import { referenceHandler } from './reference-core';

export const handler = referenceHandler(() => process.env.TABLE_NAME ?? 'user-profiles-bench');
