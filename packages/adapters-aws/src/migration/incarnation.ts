import { randomInt } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const LENGTH = 16;

/** A fresh incarnation token: 16 crypto-random characters from `[a-z0-9]`. */
export function newIncarnation(): string {
  let token = '';
  for (let i = 0; i < LENGTH; i += 1) token += ALPHABET[randomInt(ALPHABET.length)];
  return token;
}
