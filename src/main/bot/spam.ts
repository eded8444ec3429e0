/**
 * Spam shapes a live seller's chat sees that no word list catches: links to outside shops or scams
 * ("DM me, cheaper at bestdeals.shop"), and shouting in capitals. Pure and cheap: they run on every line.
 */

/** Top-level domains that scam and shop links use; a bare "name.tld" with one of these counts as a link. */
const TLDS =
  'com|net|org|io|co|shop|store|xyz|me|ly|gg|app|link|info|biz|us|uk|ca|de|fr|tv|live|site|online|top|club|vip|page|to|cc|ru|cn|in|au|eu|nl|es|it';
const LINK = new RegExp(
  String.raw`(?:https?:\/\/|www\.)[^\s]+|\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:${TLDS})\b(?:\/[^\s]*)?`,
  'giu',
);

/** The host a matched link points at, lower case and without `www.`. */
function hostOf(link: string): string {
  const withScheme = /^https?:\/\//i.test(link) ? link : `http://${link}`;
  try {
    return new URL(withScheme).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return link.toLowerCase();
  }
}

/**
 * The first link in `text` whose host is not allowed (an allowed domain also allows its subdomains),
 * or null. Normalised first, so full-width "ｓｃａｍ．ｓｈｏｐ" is seen too.
 */
export function forbiddenLink(text: string, allowedDomains: readonly string[]): string | null {
  const normal = text.normalize('NFKC');
  if (!normal.includes('.')) return null;
  for (const m of normal.matchAll(LINK)) {
    const host = hostOf(m[0]);
    const allowed = allowedDomains.some((d) => {
      const domain = d.toLowerCase().replace(/^www\./, '');
      return host === domain || host.endsWith(`.${domain}`);
    });
    if (!allowed) return m[0];
  }
  return null;
}

/** Letters needed before the capitals rule looks at a line: "OMG" or "LOL" is not shouting. */
export const CAPS_MIN_LETTERS = 12;

/** Percentage of capital letters among the cased letters of `text`, or null when it is too short to judge. */
export function capsPercent(text: string): number | null {
  let upper = 0;
  let cased = 0;
  for (const ch of text) {
    const lower = ch.toLowerCase();
    const up = ch.toUpperCase();
    if (lower === up) continue;
    cased++;
    if (ch === up) upper++;
  }
  return cased < CAPS_MIN_LETTERS ? null : (upper * 100) / cased;
}
