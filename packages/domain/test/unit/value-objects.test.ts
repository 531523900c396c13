import fc from 'fast-check';

import {
  Email,
  EmailFormatError,
  EmailTooLongError,
  NameControlCharacterError,
  NameLengthError,
  PersonName,
  PhoneNumber,
  PhoneNumberFormatError,
  TextNotPlainError,
  UserId,
  UserIdFormatError,
  UserIdPersonalDataError,
  UserIdReservedError,
} from '../../src';

/** Text that looks plain but is not: invisible, direction-changing or not well-formed UTF-16. */
const NOT_PLAIN: ReadonlyArray<[string, string]> = [
  ['RIGHT-TO-LEFT OVERRIDE U+202E', '\u202E'],
  ['ZERO WIDTH SPACE U+200B', '\u200B'],
  ['ZERO WIDTH JOINER U+200D', '\u200D'],
  ['BYTE ORDER MARK U+FEFF (which trim() would silently drop)', '\uFEFF'],
  ['SOFT HYPHEN U+00AD', '\u00AD'],
  ['a lone high surrogate', '\uD83D'],
  ['a lone low surrogate', '\uDE00'],
];

describe.each<[string, (raw: string) => { ok: boolean; error?: unknown }, string, string]>([
  ['Email', (raw) => Email.create(raw), 'email', 'ada@example.com'],
  ['PersonName (first)', (raw) => PersonName.create(raw, 'firstName'), 'firstName', 'Ada'],
  ['PersonName (last)', (raw) => PersonName.create(raw, 'lastName'), 'lastName', 'Lovelace'],
  ['PhoneNumber', (raw) => PhoneNumber.create(raw), 'phoneNumber', '+447700900123'],
  ['UserId', (raw) => UserId.create(raw), 'userId', 'alice'],
])('%s refuses text that is not plain', (_name, create, field, valid) => {
  it.each(NOT_PLAIN)('refuses %s, anywhere in the value, naming the field', (_label, character) => {
    for (const raw of [
      `${character}${valid}`,
      `${valid.slice(0, 2)}${character}${valid.slice(2)}`,
      `${valid}${character}`,
    ]) {
      const result = create(raw);
      expect(result.ok).toBe(false);
      expect(result.error).toBeInstanceOf(TextNotPlainError);
      expect(result.error).toMatchObject({ field, code: 'text_not_plain' });
    }
  });

  it('still accepts the plain value', () => {
    expect(create(valid).ok).toBe(true);
  });
});

describe('Email', () => {
  it('refuses a non-ASCII letter that lower-cases to ASCII (KELVIN SIGN for k)', () => {
    const email = Email.create('\u212Aate@example.com');
    expect(!email.ok && email.error).toBeInstanceOf(EmailFormatError);
  });

  it('stores the address trimmed and lower-cased', () => {
    const email = Email.create('  Ada.Lovelace@Example.COM ');
    expect(email.ok && email.value.value).toBe('ada.lovelace@example.com');
  });

  it.each(['a@b.co', 'first.last+tag@sub.example.org', "o'brien@example.ie"])('accepts %s', (raw) => {
    expect(Email.create(raw).ok).toBe(true);
  });

  it.each([
    '',
    'plain',
    'a@b',
    '@example.com',
    'a@@example.com',
    'a b@example.com',
    'a@-example.com',
    'a@example..com',
    `${'x'.repeat(65)}@example.com`,
  ])('rejects %j as badly formed', (raw) => {
    const email = Email.create(raw);
    expect(!email.ok && email.error).toBeInstanceOf(EmailFormatError);
  });

  it('accepts 254 characters and rejects 255', () => {
    const domain = `${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(63)}.com`; // 195 characters
    const at254 = `${'a'.repeat(254 - domain.length - 1)}@${domain}`;
    expect(at254).toHaveLength(254);
    expect(Email.create(at254).ok).toBe(true);

    const email = Email.create(`a${at254}`);
    expect(!email.ok && email.error).toBeInstanceOf(EmailTooLongError);
  });

  it('names the field and a stable code', () => {
    const email = Email.create('nope');
    expect(!email.ok && { field: email.error.field, code: email.error.code }).toEqual({
      field: 'email',
      code: 'email_format',
    });
  });
});

describe('PersonName', () => {
  it('keeps letters, combining marks and emoji sequences that are well formed', () => {
    for (const raw of ['Zoë', 'Zoe\u0308', '小林', '👩‍💻'.replace('\u200D', ''), 'Nguyễn']) {
      expect(PersonName.create(raw, 'firstName').ok).toBe(true);
    }
  });

  it('trims surrounding white space', () => {
    const name = PersonName.create('  Ada  ', 'firstName');
    expect(name.ok && name.value.value).toBe('Ada');
  });

  it('counts characters, not UTF-16 units: 100 emoji fit, 101 do not', () => {
    expect(PersonName.create('😀'.repeat(100), 'lastName').ok).toBe(true);
    const tooLong = PersonName.create('😀'.repeat(101), 'lastName');
    expect(!tooLong.ok && tooLong.error).toBeInstanceOf(NameLengthError);
  });

  it.each(['', '   ', '\t\n'])('rejects %j as empty after trimming', (raw) => {
    const name = PersonName.create(raw, 'firstName');
    expect(!name.ok && name.error).toBeInstanceOf(NameLengthError);
    expect(!name.ok && name.error.field).toBe('firstName');
  });

  it.each(['Ada\u0000', 'Ada\nLovelace', 'A\u007fda', 'Ada\u0085', 'Ada\u2028x', 'Ad\u001ba'])(
    'rejects control characters in %j',
    (raw) => {
      const name = PersonName.create(raw, 'lastName');
      expect(!name.ok && name.error).toBeInstanceOf(NameControlCharacterError);
      expect(!name.ok && name.error.field).toBe('lastName');
    },
  );

  it.each(["O'Brien", 'Jean-Luc', 'Łukasz', '小林', 'María José'])('accepts %s', (raw) => {
    expect(PersonName.create(raw, 'firstName').ok).toBe(true);
  });
});

describe('PhoneNumber', () => {
  it.each(['+447700900123', '+12025550123', '+4930123456', '+123456789012345'])('accepts %s', (raw) => {
    expect(PhoneNumber.create(raw).ok).toBe(true);
  });

  it.each(['447700900123', '+0447700900', '+1234567', '+1234567890123456', '+44 7700 900123', '+44-7700900123', ''])(
    'rejects %j',
    (raw) => {
      const phone = PhoneNumber.create(raw);
      expect(!phone.ok && phone.error).toBeInstanceOf(PhoneNumberFormatError);
    },
  );
});

describe('UserId', () => {
  it.each([
    'alice',
    '3f1c2d4e-0000-4a5b-9c8d-123456789abc',
    // A sub that happens to have no letter is still a sub, not a phone number.
    '12345678-1234-4234-8234-123456789012',
    'eu-west-1:abc',
    'admin_created-42',
    'a'.repeat(128),
  ])('accepts %s as a new id', (raw) => {
    expect(UserId.create(raw).ok).toBe(true);
  });

  it.each(['', 'a'.repeat(129), '-leading-dash', 'has space', 'slash/inside', '../etc', 'ünicode', 'eve.smith', 'a+b'])(
    'rejects %j as a new id',
    (raw) => {
      const id = UserId.create(raw);
      expect(!id.ok && id.error).toBeInstanceOf(UserIdFormatError);
    },
  );

  it.each(['eve.smith@example.org', 'eve@example', 'a@b', '+4915112345678', '4915112345678', '0151-2345678'])(
    'rejects %j as a new id: it is an email address or a phone number, and the error does not repeat it',
    (raw) => {
      const id = UserId.create(raw);
      expect(!id.ok && id.error).toBeInstanceOf(UserIdPersonalDataError);
      expect(!id.ok && id.error.field).toBe('userId');
      expect(!id.ok && id.error.message).not.toContain(raw);
    },
  );

  it.each(['eve.smith@example.org', 'user.name', 'a+b=c', 'eu-west-1:abc'])(
    'still finds a stored profile whose legacy id is %j (isPossible), and rebuilds it from the store',
    (raw) => {
      expect(UserId.isPossible(raw)).toBe(true);
      expect(UserId.fromTrusted(raw).value).toBe(raw);
    },
  );

  it.each(['me', 'search'])('reserves %j, which is a path of its own (/users/me, /users/search)', (raw) => {
    const id = UserId.create(raw);
    expect(!id.ok && id.error).toBeInstanceOf(UserIdReservedError);
  });
});

describe('checks without building', () => {
  /** Text of every kind: plain, unicode with format characters and lone surrogates, ids and numbers. */
  const anyText = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.constantFrom('me', 'search', '+447700900123', '+0447700900', 'alice', '\u202Ealice', '+44\u200B7700900123'),
    fc.stringMatching(/^\+?[0-9]{0,16}$/),
    fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:@+=-]{0,130}$/),
  );

  it('every id UserId.create accepts is one UserId.isPossible finds, and none holds an @', () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        if (!UserId.create(raw).ok) return;
        expect(UserId.isPossible(raw)).toBe(true);
        expect(raw).not.toContain('@');
      }),
      { numRuns: 2_000, seed: 13 },
    );
  });

  it('UserId.isNew answers as UserId.create does', () => {
    fc.assert(
      fc.property(anyText, (raw) => expect(UserId.isNew(raw)).toBe(UserId.create(raw).ok)),
      { numRuns: 2_000, seed: 13 },
    );
  });

  it('PhoneNumber.isValid answers as PhoneNumber.create does', () => {
    fc.assert(
      fc.property(anyText, (raw) => expect(PhoneNumber.isValid(raw)).toBe(PhoneNumber.create(raw).ok)),
      { numRuns: 2_000, seed: 13 },
    );
  });
});
