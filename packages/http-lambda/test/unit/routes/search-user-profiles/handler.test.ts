import { UserProfileMother } from '@userprofile/testing';

import { anEvent, type Caller } from '../../support/api-gateway-event.mother';
import { ADMIN, expectProblem, fieldsOf } from '../../support/expectations';
import { useTestApp } from '../../support/test-app';

describe('POST /users/search', () => {
  const t = useTestApp();

  const search = (body: unknown, caller: Caller = ADMIN) =>
    t.app.send(anEvent('POST', '/users/search').by(caller).withJson(body).build());

  const idsOf = (body: Record<string, unknown> | undefined): string[] =>
    ((body?.items ?? []) as { userId: string }[]).map((item) => item.userId);

  describe('success', () => {
    it('finds every profile with the email, case-insensitively, and no other', async () => {
      // Prepare
      const ada = UserProfileMother.create({ email: 'ada@example.com' });
      const twin = UserProfileMother.create({ email: 'ada@example.com' });
      await t.app.given(ada, twin, UserProfileMother.create());

      // Act
      const response = await search({ email: ' ADA@Example.com ' });

      // Assess
      expect(response.status).toBe(200);
      expect(response.headers['Content-Type']).toBe('application/json');
      expect(idsOf(response.body).sort()).toEqual([ada.userId, twin.userId].sort());
      expect(response.body?.nextCursor).toBeNull();
      for (const item of response.body?.items as object[]) expect(item).not.toHaveProperty('incarnation');
    });

    it('answers { items: [], nextCursor: null } for an email nobody has', async () => {
      // Act
      const response = await search({ email: 'nobody@example.com' });

      // Assess
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ items: [], nextCursor: null });
    });

    it('pages through every profile of a shared email exactly once, `limit` at a time', async () => {
      // Prepare
      const sharing = Array.from({ length: 5 }, () => UserProfileMother.create({ email: 'shared@example.com' }));
      await t.app.given(...sharing, UserProfileMother.create());

      // Act
      const pages: string[][] = [];
      let cursor: string | null = null;
      do {
        const response = await search({ email: 'shared@example.com', limit: 2, ...(cursor !== null && { cursor }) });
        expect(response.status).toBe(200);
        pages.push(idsOf(response.body));
        cursor = response.body?.nextCursor as string | null;
      } while (cursor !== null && pages.length < 10);

      // Assess
      expect(pages.map((ids) => ids.length)).toEqual([2, 2, 1]);
      expect(pages.flat().sort()).toEqual(sharing.map((p) => p.userId).sort());
    });

    it('answers pages of the configured default size when the body names no limit', async () => {
      // Prepare
      await t.app.given(...Array.from({ length: 25 }, () => UserProfileMother.create({ email: 'many@example.com' })));

      // Act
      const response = await search({ email: 'many@example.com' });

      // Assess
      expect(response.body?.items).toHaveLength(20);
      expect(response.body?.nextCursor).toEqual(expect.any(String));
    });
  });

  describe('refusals', () => {
    it.each([
      ['a non-admin', { sub: 'alice' }],
      ['a member of another group', { sub: 'alice', groups: 'administrators' }],
    ])('403 for %s, even looking up their own email', async (_case, caller) => {
      // Prepare
      await t.app.given(UserProfileMother.create({ userId: 'alice', email: 'alice@example.com' }));

      // Act
      const response = await search({ email: 'alice@example.com' }, caller);

      // Assess
      expectProblem(response, 403, 'forbidden');
    });

    it('401 without claims', async () => {
      // Act
      const response = await t.app.send(anEvent('POST', '/users/search').withJson({ email: 'a@example.com' }).build());

      // Assess
      expectProblem(response, 401, 'unauthorized');
    });

    it.each([
      ['no email', {}, ['email']],
      ['an email that is not text', { email: 7 }, ['email']],
      ['an email that is not an address', { email: 'not-an-email' }, ['email']],
      ['a limit that is text', { email: 'a@example.com', limit: '5' }, ['limit']],
      ['a limit that is not whole', { email: 'a@example.com', limit: 2.5 }, ['limit']],
      ['a limit of 0', { email: 'a@example.com', limit: 0 }, ['limit']],
      ['a limit over the maximum', { email: 'a@example.com', limit: 101 }, ['limit']],
      ['an empty cursor', { email: 'a@example.com', cursor: '' }, ['cursor']],
      ['a cursor that is not text', { email: 'a@example.com', cursor: 7 }, ['cursor']],
      ['a forged cursor', { email: 'a@example.com', cursor: 'not-a-cursor' }, ['cursor']],
      // An unknown field is the client's text: it is named by its position as sent.
      ['an unknown field', { email: 'a@example.com', firstName: 'Ada' }, ['#2']],
    ])('400 for %s, naming the field', async (_case, body, fields) => {
      // Act
      const response = await search(body);

      // Assess
      expect(fieldsOf(expectProblem(response, 400, 'validation'))).toEqual(fields);
    });

    it("400 for the cursor of another email's lookup", async () => {
      // Prepare
      await t.app.given(...Array.from({ length: 3 }, () => UserProfileMother.create({ email: 'shared@example.com' })));
      const first = await search({ email: 'shared@example.com', limit: 1 });
      const cursor = first.body?.nextCursor as string;

      // Act
      const response = await search({ email: 'other@example.com', limit: 1, cursor });

      // Assess
      expect(fieldsOf(expectProblem(response, 400, 'validation'))).toEqual(['cursor']);
    });

    it('never repeats the email it was given, in the answer or the logs', async () => {
      // Act
      const invalid = await search({ email: 'not-an-address-canary' });
      const valid = await search({ email: 'canary-person@example.com' });

      // Assess
      expect(invalid.raw.body + valid.raw.body).not.toContain('canary');
      expect(t.logs.lines().join('\n')).not.toContain('canary');
    });
  });
});
