import { groupsOf, isTrueClaim, verifiedEmailOf } from '../../../src/http/cognito-claims';

describe('cognito:groups', () => {
  it.each<[unknown, readonly string[]]>([
    ['admins', ['admins']],
    ['[admins]', ['admins']],
    ['[admins, support]', ['admins', 'support']],
    [
      ['admins', 'support'],
      ['admins', 'support'],
    ],
    [[], []],
  ])('reads %j as %j', (raw, groups) => {
    expect(groupsOf(raw)).toEqual(groups);
  });

  it.each<unknown>([
    'admins]',
    '[admins',
    'x,admins',
    'admins,support',
    '[x,admins]',
    '[x,  admins]',
    '"admins"',
    "'admins'",
    '["admins","support"]',
    'x admins',
    ' admins',
    'admins ',
    '[]',
    '[admins, ]',
    '',
    ['admins', 42],
    [['admins']],
    { admins: true },
    42,
    true,
    null,
    undefined,
  ])('reads %j as no groups at all', (raw) => {
    expect(groupsOf(raw)).toEqual([]);
  });
});

describe('email_verified', () => {
  it.each<[unknown, boolean]>([
    [true, true],
    ['true', true],
    ['false', false],
    [false, false],
    ['TRUE', false],
    ['1', false],
    [1, false],
    [undefined, false],
  ])('reads %j as %j', (raw, verified) => {
    expect(isTrueClaim(raw)).toBe(verified);
  });

  it('gives the email only when it is verified', () => {
    expect(verifiedEmailOf({ email: 'a@x.io', email_verified: 'true' })).toBe('a@x.io');
    expect(verifiedEmailOf({ email: 'a@x.io', email_verified: true })).toBe('a@x.io');
    expect(verifiedEmailOf({ email: 'a@x.io', email_verified: 'false' })).toBeUndefined();
    expect(verifiedEmailOf({ email: 'a@x.io' })).toBeUndefined();
    expect(verifiedEmailOf({ email: '', email_verified: 'true' })).toBeUndefined();
    expect(verifiedEmailOf({ email: ['a@x.io'], email_verified: 'true' })).toBeUndefined();
  });
});
