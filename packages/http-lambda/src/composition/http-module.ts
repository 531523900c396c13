import { CLOCK, systemClock } from '@userprofile/domain';
import { ContainerModule } from 'inversify';

/**
 * What every runtime binds the same way. The pipeline, its idempotency step and the route
 * handlers are `@injectable` classes the container builds itself (autobind); the idempotency
 * store and its settings are bound only where a write is served (`idempotencyRecords`).
 */
export const httpModule = /* @__PURE__ */ new ContainerModule(({ bind }) => {
  bind(CLOCK).toConstantValue(systemClock);
});
