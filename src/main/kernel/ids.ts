import crypto from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A prefixed random id such as `msg_k3j9x0q2h7ab`: unguessable, URL-safe, sortable only by chance. */
export function newId(prefix: string, length = 16): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[crypto.randomInt(ALPHABET.length)];
  return `${prefix}_${out}`;
}
