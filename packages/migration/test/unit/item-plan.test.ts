import { LegacyItemMother } from '@userprofile/testing';

import { isEarlierCopy, planItem, readForMigration, type OwnerMatch } from '../../src/item-plan';

const INCARNATION = 'n3wn3wn3wn3wn3w0';
const fixedIncarnation = () => INCARNATION;
const SUB = '9d3c1b2a-0000-4000-8000-00000000c0de';

describe('readForMigration + planItem', () => {
  it('rewrites an item of the original in place in the current shape, without re-keying', () => {
    // Prepare
    const raw = LegacyItemMother.created();

    // Act
    const plan = planItem(readForMigration(raw), undefined, fixedIncarnation);

    // Assess
    expect(plan).toEqual({ action: 'rewrite', item: LegacyItemMother.createdInCurrentShape(raw.userId, INCARNATION) });
  });

  it('backfills createdAt of an upserted item from updatedAt and keeps a number name as text', () => {
    // Act
    const plan = planItem(readForMigration(LegacyItemMother.upserted()), undefined, fixedIncarnation);

    // Assess
    expect(plan).toMatchObject({
      action: 'rewrite',
      item: {
        createdAt: '2024-06-01T08:00:00.000Z',
        updatedAt: '2024-06-01T08:00:00.000Z',
        firstName: '',
        lastName: '7',
      },
    });
  });

  it('keeps an item already in the current shape as it is', () => {
    // Act
    const plan = planItem(readForMigration(LegacyItemMother.current()), undefined, fixedIncarnation);

    // Assess
    expect(plan).toEqual({ action: 'keep' });
  });

  it('rewrites a current-looking item with an empty phone, dropping the attribute', () => {
    // Act
    const plan = planItem(readForMigration(LegacyItemMother.current({ phoneNumber: '' })), undefined, fixedIncarnation);

    // Assess
    expect(plan.action).toBe('rewrite');
    expect(plan.action === 'rewrite' && 'phoneNumber' in plan.item).toBe(false);
  });

  it.each([
    ['a phone that is not E.164', { phoneNumber: 'call me' }, ['phoneNumber']],
    ['a phone stored as a number', { phoneNumber: 447700900123 }, ['phoneNumber']],
    ['a name that is a map', { firstName: { given: 'Ada' } }, ['firstName']],
    ['a timestamp that is no date', { createdAt: 'last tuesday' }, ['createdAt']],
    ['a version of another type', { version: '3' }, ['version']],
    ['an attribute the service does not know', { nickname: 'Countess' }, ['nickname']],
  ])('reports %s as a value it would lose, and plans no write', (_label, overrides, fields) => {
    // Act
    const plan = planItem(readForMigration(LegacyItemMother.created(overrides)), undefined, fixedIncarnation);

    // Assess
    expect(plan).toEqual({ action: 'report', problem: { reason: 'lossy-value', fields } });
  });

  it('reports an item with no email, and one whose id no profile could have', () => {
    // Act
    const noEmail = planItem(readForMigration(LegacyItemMother.created({ email: null })), undefined, fixedIncarnation);
    const badId = planItem(readForMigration(LegacyItemMother.created({ userId: 'me' })), undefined, fixedIncarnation);

    // Assess
    expect(noEmail).toEqual({ action: 'report', problem: { reason: 'missing-email' } });
    expect(badId).toEqual({ action: 'report', problem: { reason: 'unusable-user-id' } });
  });

  it('looks the owner up by the normalized email and by the email as stored', () => {
    // Act
    const reading = readForMigration(LegacyItemMother.created({ email: ' Legacy.One@Example.com' }));

    // Assess
    expect(reading.ok && reading.lookupEmails).toEqual(['legacy.one@example.com', 'Legacy.One@Example.com']);
  });

  it("moves an item with exactly one owner elsewhere to the owner's sub, as a new incarnation", () => {
    // Prepare
    const raw = LegacyItemMother.current();

    // Act
    const plan = planItem(readForMigration(raw), { kind: 'one', sub: SUB }, fixedIncarnation);

    // Assess
    expect(plan).toEqual({
      action: 'move',
      from: raw.userId,
      item: { ...raw, userId: SUB, incarnation: INCARNATION },
    });
  });

  it('treats an item keyed by its owner as one that needs no move', () => {
    // Prepare
    const raw = LegacyItemMother.created({ userId: SUB });

    // Act
    const plan = planItem(readForMigration(raw), { kind: 'one', sub: SUB }, fixedIncarnation);

    // Assess
    expect(plan.action).toBe('rewrite');
  });

  it.each<[OwnerMatch, string]>([
    [{ kind: 'none' }, 'no-cognito-user'],
    [{ kind: 'several' }, 'several-cognito-users'],
    [{ kind: 'not-searchable' }, 'email-not-searchable'],
  ])('reports an item whose owner lookup gave %j and plans no write', (match, reason) => {
    // Act
    const plan = planItem(readForMigration(LegacyItemMother.created()), match, fixedIncarnation);

    // Assess
    expect(plan).toEqual({ action: 'report', problem: { reason } });
  });
});

describe('isEarlierCopy', () => {
  it('recognises the copy an earlier run put at the new key, whatever its incarnation', () => {
    // Prepare
    const plan = planItem(readForMigration(LegacyItemMother.created()), { kind: 'one', sub: SUB }, fixedIncarnation);
    if (plan.action !== 'move') throw new Error(`expected a move, got ${plan.action}`);

    // Act / Assess
    expect(isEarlierCopy({ ...plan.item, incarnation: 'e4rl13re4rl13r00' }, plan.item)).toBe(true);
    expect(isEarlierCopy({ ...plan.item, firstName: 'Changed' }, plan.item)).toBe(false);
    expect(isEarlierCopy({ ...plan.item, version: 2 }, plan.item)).toBe(false);
  });
});
