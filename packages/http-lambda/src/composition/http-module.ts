import { ContainerModule } from 'inversify';

import { HttpPipeline } from '../http/pipeline';

/** What every runtime shares: the request pipeline. */
export const httpModule = new ContainerModule(({ bind }) => {
  bind(HttpPipeline).toSelf().inSingletonScope();
});
