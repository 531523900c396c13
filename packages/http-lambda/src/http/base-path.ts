import type { APIGatewayProxyEvent } from 'aws-lambda';

/**
 * The part of the URL the client used before the API's own path: `/{stage}` on an
 * `execute-api` URL, a base-path mapping on a custom domain, nothing locally. A REST proxy
 * event carries the full path in `requestContext.path` and the API's path in `path`.
 */
export function basePathOf(event: Pick<APIGatewayProxyEvent, 'path' | 'requestContext'>): string {
  const fullPath = event.requestContext?.path;
  if (typeof fullPath !== 'string' || !fullPath.endsWith(event.path)) return '';
  return fullPath.slice(0, fullPath.length - event.path.length).replace(/\/+$/, '');
}
