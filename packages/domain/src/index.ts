export * from './shared/result';
export * from './shared/domain-error';
export * from './shared/port-token';
export * from './shared/fixed-settings';
export * from './shared/iso-time';

export * from './user-profile/errors';
export * from './user-profile/user-profile';
export { ProfileChange, type ChangedFields, type ProfileChangePrimitives } from './user-profile/profile-change';
export * from './user-profile/revision';
export * from './user-profile/events/user-profile-event';
export * from './user-profile/events/profile-change-event';
export { Email } from './user-profile/value-objects/email';
export { PersonName } from './user-profile/value-objects/person-name';
export { PhoneNumber } from './user-profile/value-objects/phone-number';
export { NEW_USER_ID_PATTERN, PHONE_NUMBER_PATTERN, USER_ID_PATTERN } from './user-profile/value-objects/patterns';
export { UserId } from './user-profile/value-objects/user-id';

export * from './ports/user-profile-repository';
export * from './ports/config-provider';
export * from './ports/clock';
export * from './ports/store-unavailable-error';
export * from './ports/user-profile-event-publisher';
export * from './ports/idempotency-store';
export * from './ports/audit-trail';
export * from './ports/account-directory';
export * from './ports/audit-pseudonym';

export * from './application/actor';
export * from './application/errors';
export type { PageQuery } from './application/page-request';
export * from './application/create-user-profile/create-user-profile';
export * from './application/get-user-profile/get-user-profile';
export * from './application/update-user-profile/update-user-profile';
export * from './application/delete-user-profile/delete-user-profile';
export * from './application/erase-user-account/erase-user-account';
export * from './application/list-user-profiles/list-user-profiles';
export * from './application/find-user-profiles-by-email/find-user-profiles-by-email';
