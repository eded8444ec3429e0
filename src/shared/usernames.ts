/**
 * The one rule for "the same viewer": chat rows, wire frames, giveaway entries, claims, welcomes and the
 * dashboard all compare usernames through it. Sites differ in case and in a leading `@` on mentions, and
 * compatibility forms (full-width letters) must not let one person enter twice.
 */
export function usernameKey(username: string): string {
  return username.normalize('NFKC').trim().replace(/^@+/, '').trim().toLowerCase();
}
