import type { APIGatewayProxyEvent } from 'aws-lambda';

import { validationProblem } from '../http/problem';
import { jsonObjectBodyOf } from '../http/request-body';
import { toValidDto } from './validate-dto';

/** The JSON body as a validated DTO (400/413/415 otherwise). */
export const bodyAs = <T extends object>(
  event: Pick<APIGatewayProxyEvent, 'body' | 'headers' | 'isBase64Encoded'>,
  dtoClass: new () => T,
): Promise<T> => toValidDto(dtoClass, jsonObjectBodyOf(event), 'The body');

/** The query string as a validated DTO; a parameter given twice is ambiguous, so a 400. */
export function queryAs<T extends object>(
  event: Pick<APIGatewayProxyEvent, 'queryStringParameters' | 'multiValueQueryStringParameters'>,
  dtoClass: new () => T,
): Promise<T> {
  const repeated = Object.entries(event.multiValueQueryStringParameters ?? {})
    .filter(([, values]) => (values?.length ?? 0) > 1)
    .map(([field]) => ({ field, message: 'must be given once' }));
  if (repeated.length > 0) throw validationProblem('The query repeats a parameter.', repeated);
  return toValidDto(dtoClass, { ...event.queryStringParameters }, 'The query');
}
