import type { APIGatewayProxyEvent } from 'aws-lambda';

import { basePathOf } from '../../../src/http/base-path';

const eventAt = (path: string, fullPath: string | undefined) =>
  ({ path, requestContext: { path: fullPath } }) as unknown as APIGatewayProxyEvent;

describe('basePathOf', () => {
  it.each([
    ['an execute-api URL: the stage', '/users', '/dev/users', '/dev'],
    ['a custom domain with a base path mapping', '/users/u-1', '/profiles/v1/users/u-1', '/profiles/v1'],
    ['a custom domain mapped at its root', '/users', '/users', ''],
    ['the local server (no stage)', '/users', '/users', ''],
  ])('%s', (_case, path, fullPath, expected) => {
    // Act
    const basePath = basePathOf(eventAt(path, fullPath));

    // Assess
    expect(basePath).toBe(expected);
  });

  it('is empty when the full path is missing or does not end with the API path', () => {
    expect(basePathOf(eventAt('/users', undefined))).toBe('');
    expect(basePathOf(eventAt('/users', '/dev/other'))).toBe('');
  });
});
