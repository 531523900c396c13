import { ROUTES, type BodyKey, type QueryKey } from '../routes';
import { classIn } from '../routes/registry';

type DtoClass = new () => object;

/** Each DTO the rows name, from its route's folder (`body.ts` / `query.ts` exports the class). */
const dtosOf = <K extends string>(file: 'body' | 'query'): Readonly<Record<K, DtoClass>> =>
  Object.fromEntries(
    ROUTES.flatMap((route) => {
      const name = route[file];
      return name === null ? [] : [[name, classIn<object>(route.functionName, file, name)]];
    }),
  ) as Record<K, DtoClass>;

/** The class behind each body key of the route table. */
export const BODY_DTOS = dtosOf<BodyKey>('body');

/** The class behind each query key of the route table. */
export const QUERY_DTOS = dtosOf<QueryKey>('query');
