import 'reflect-metadata';

import { toValidDto } from '../../../../src/dto/validate-dto';
import { HttpProblem } from '../../../../src/http/problem';
import { SearchUserProfilesBody } from '../../../../src/routes/search-user-profiles/body';

const fieldsRefused = async (raw: Record<string, unknown>): Promise<string[]> => {
  const error = await toValidDto(SearchUserProfilesBody, raw).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HttpProblem);
  return ((error as HttpProblem).options.errors ?? []).map((e) => e.field).sort();
};

describe('SearchUserProfilesBody', () => {
  it.each([
    [{ email: 'ada@example.com' }],
    [{ email: 'ada@example.com', limit: 1 }],
    [{ email: 'ada@example.com', limit: 100, cursor: 'abc.def' }],
  ])('takes %j as it is', async (raw) => {
    const dto = await toValidDto(SearchUserProfilesBody, raw);
    expect({ ...dto }).toEqual(raw);
    expect(dto).toBeInstanceOf(SearchUserProfilesBody);
  });

  it.each([
    [{}, ['email']],
    [{ email: ['ada@example.com'] }, ['email']],
    [{ email: 'a@b.c', limit: '20' }, ['limit']],
    [{ email: 'a@b.c', limit: 1.5 }, ['limit']],
    [{ email: 'a@b.c', cursor: '' }, ['cursor']],
    [{ email: 'a@b.c', cursor: 'x'.repeat(2049) }, ['cursor']],
    // Unknown fields are named by position (the second sent), never by the client's text.
    [{ email: 'a@b.c', userId: 'alice' }, ['#2']],
    [{ email: 'a@b.c', ['__proto__']: { isAdmin: true } }, ['#2']],
  ])('refuses %j, naming %j', async (raw, fields) => {
    expect(await fieldsRefused(JSON.parse(JSON.stringify(raw)) as Record<string, unknown>)).toEqual(fields);
  });
});
