import { groupsOf } from '../../../src/http/identity';

describe('cognito:groups', () => {
  it.each([
    ['admins', ['admins']],
    ['[admins, support]', ['admins', 'support']],
    ['admins,support', ['admins', 'support']],
    ['["admins","support"]', ['admins', 'support']],
    [
      ['admins', 'support'],
      ['admins', 'support'],
    ],
    ['', []],
    [undefined, []],
    [42, []],
  ])('reads %j as %j', (raw, groups) => {
    // Act & Assess
    expect(groupsOf(raw)).toEqual(groups);
  });
});
