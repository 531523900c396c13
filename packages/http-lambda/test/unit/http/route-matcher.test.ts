import { ROUTES } from '../../../src/routes';

import { createRouteMatcher } from '../../../src/http/route-match';

describe('the route matcher', () => {
  it.each([
    ['in table order', ROUTES],
    ['with the rows reversed', [...ROUTES].reverse()],
  ])('routes /users/search to the lookup, not to a user called "search", %s', (_order, routes) => {
    // Prepare
    const match = createRouteMatcher(routes);

    // Act
    const search = match('POST', '/users/search');
    const profile = match('GET', '/users/ada');
    const wrongMethod = match('GET', '/users/search');

    // Assess
    expect(search.kind === 'route' && search.route.functionName).toBe('SearchUserProfiles');
    expect(profile.kind === 'route' && profile.route.functionName).toBe('GetUserProfile');
    expect(wrongMethod).toEqual({ kind: 'method-not-allowed', resource: '/users/search', allow: ['POST', 'OPTIONS'] });
  });
});
