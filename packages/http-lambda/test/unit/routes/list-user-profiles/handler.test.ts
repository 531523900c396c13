import { UserProfileMother } from '@userprofile/testing';

import { anEvent, type Caller } from '../../support/api-gateway-event.mother';
import { ADMIN, expectProblem, fieldsOf } from '../../support/expectations';
import { useTestApp } from '../../support/test-app';

describe('GET /users', () => {
  const t = useTestApp();

  const list = (query?: Record<string, string>, caller: Caller = ADMIN) => {
    const event = anEvent('GET', '/users').by(caller);
    if (query) event.withQuery(query);
    return t.app.send(event.build());
  };

  describe('listing', () => {
    it('returns a first page of the default size with a cursor', async () => {
      // Prepare
      await t.app.given(...Array.from({ length: 25 }, () => UserProfileMother.create()));

      // Act
      const response = await list();

      // Assess
      expect(response.status).toBe(200);
      expect(response.headers['Content-Type']).toBe('application/json');
      expect(response.body?.items).toHaveLength(20);
      expect(response.body?.nextCursor).toEqual(expect.any(String));
    });

    it('pages through every profile exactly once, ending with a null cursor', async () => {
      // Prepare
      const profiles = Array.from({ length: 7 }, () => UserProfileMother.create());
      await t.app.given(...profiles);

      // Act
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: Record<string, string> = { limit: '3', ...(cursor !== null && { cursor }) };
        const response = await list(query);
        expect(response.status).toBe(200);
        seen.push(...(response.body?.items as { userId: string }[]).map((item) => item.userId));
        cursor = response.body?.nextCursor as string | null;
        pages += 1;
      } while (cursor !== null && pages < 10);

      // Assess
      expect(pages).toBe(3);
      expect(seen.sort()).toEqual(profiles.map((p) => p.userId).sort());
    });

    it.each([['admins'], ['[admins]'], ['[support, admins]'], [['support', 'admins']]])(
      'recognises an administrator from cognito:groups %j',
      async (groups) => {
        // Act
        const response = await list(undefined, { sub: 'root', groups, issuer: ADMIN.issuer });

        // Assess
        expect(response.status).toBe(200);
      },
    );

    it('returns { items: [], nextCursor: null } for an empty store', async () => {
      // Act
      const response = await list();

      // Assess
      expect(response.body).toEqual({ items: [], nextCursor: null });
    });
  });

  describe('the old lookup form (?email=)', () => {
    it.each([
      ['alone', { email: 'ada@example.com' }],
      ['with paging', { email: 'ada@example.com', limit: '5', cursor: 'abc' }],
      ['empty', { email: '' }],
    ])('400 lookup-moved %s, naming POST /users/search, never repeating the address', async (_case, query) => {
      // Prepare
      await t.app.given(UserProfileMother.create({ email: 'ada@example.com' }));

      // Act
      const response = await list(query);

      // Assess
      const errors = expectProblem(response, 400, 'lookup-moved');
      expect(response.body?.detail).toContain('POST /users/search');
      expect(fieldsOf(errors)).toEqual(['email']);
      expect(response.raw.body).not.toContain('ada@');
      expect(t.logs.lines().join('\n')).not.toContain('ada@');
    });

    it('400 lookup-moved for a non-admin too: the form is gone for everyone', async () => {
      // Act
      const response = await list({ email: 'ada@example.com' }, { sub: 'alice' });

      // Assess
      expectProblem(response, 400, 'lookup-moved');
    });
  });

  describe('refusals', () => {
    it.each([
      ['a non-admin listing', undefined, { sub: 'alice' }],
      ['a member of another group', undefined, { sub: 'alice', groups: 'administrators' }],
    ])('403 for %s', async (_case, query, caller) => {
      // Act
      const response = await list(query, caller);

      // Assess
      expectProblem(response, 403, 'forbidden');
    });

    it('401 without claims', async () => {
      // Act
      const response = await t.app.send(anEvent('GET', '/users').build());

      // Assess
      expectProblem(response, 401, 'unauthorized');
    });

    it.each(['0', '101', 'abc', '-1', '1.5', '', '1e2'])('400 for limit=%j', async (limit) => {
      // Act
      const response = await list({ limit });

      // Assess
      expect(fieldsOf(expectProblem(response, 400, 'validation'))).toEqual(['limit']);
    });

    it.each(['not-a-cursor', Buffer.from('["zzz","forged"]').toString('base64url'), ''])(
      '400 for cursor=%j',
      async (cursor) => {
        // Act
        const response = await list({ cursor });

        // Assess
        expect(fieldsOf(expectProblem(response, 400, 'validation'))).toEqual(['cursor']);
      },
    );

    it('400 for an unknown query parameter', async () => {
      // Act
      const response = await list({ limit: '5', sort: 'email' });

      // Assess
      // The second parameter sent: an unknown name is the client's text, so only its position is shown.
      expect(fieldsOf(expectProblem(response, 400, 'validation'))).toEqual(['#2']);
    });

    it('400 for a parameter given twice', async () => {
      // Act
      const response = await t.app.send(
        anEvent('GET', '/users').by(ADMIN).withRepeatedQuery('limit', ['5', '50']).build(),
      );

      // Assess
      expect(fieldsOf(expectProblem(response, 400, 'validation'))).toEqual(['limit']);
    });
  });
});
