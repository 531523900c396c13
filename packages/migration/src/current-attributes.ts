/** Every attribute an item of the current shape may have (see `CurrentStoredItem`). */
export const CURRENT_ATTRIBUTES: readonly string[] = [
  'userId',
  'email',
  'firstName',
  'lastName',
  'phoneNumber',
  'createdAt',
  'updatedAt',
  'version',
  'incarnation',
  // Set by a sign-up's claim on the item it moved (the id it came from): kept, never a lossy value.
  'claimedFrom',
];
