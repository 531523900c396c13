import { methodsOf, resourceOf } from '../../../src/http/route-match';

describe('resourceOf', () => {
  it.each([
    ['/users', '/users'],
    ['/users/', '/users'],
    ['/users/search', '/users/search'],
    ['/users/search/', '/users/search'],
    ['/users/alice', '/users/{userId}'],
    ['/users/me', '/users/{userId}'],
    ['/users/searching', '/users/{userId}'],
  ])('%s belongs to %s: a literal path beats {userId}, as in API Gateway', (path, resource) => {
    expect(resourceOf(path)).toBe(resource);
  });

  it.each(['/', '/users/a/b', '/health', '/user'])('%s belongs to no route', (path) => {
    expect(resourceOf(path)).toBeUndefined();
  });
});

describe('methodsOf', () => {
  it('serves only POST on /users/search', () => {
    expect(methodsOf('/users/search')).toEqual(['POST']);
  });
});
