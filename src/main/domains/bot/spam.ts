/**
 * Spam shapes a live seller's chat sees that no word list catches: links to outside shops or scams
 * ("DM me, cheaper at bestdeals.shop"), and shouting in capitals. Pure and cheap: they run on every line.
 */

/**
 * Top-level domains of bare links ("bestdeals.shop"). Those that are also everyday words or typos in chat
 * ("thanks.me too", "is it.in stock", "$5.co") count only with a path after them ("deals.co/x").
 */
const TLDS = 'com|net|org|io|shop|store|xyz|ly|gg|app|link|info|biz|site|online|vip|ru|cn';
const WORD_TLDS = 'co|me|us|uk|ca|de|fr|to|in|au|eu|nl|es|it|tv|live|top|club|page|cc';
// Each label holds a letter (checked by lookahead, so a failed match cannot backtrack exponentially).
const LABEL = '(?:(?=[a-z0-9-]*[a-z])[a-z0-9-]+\\.)+';
const LINK = new RegExp(String.raw`(?:https?:\/\/|www\.)[^\s]+|\b${LABEL}(?:${TLDS})\b(?:\/[^\s]*)?|\b${LABEL}(?:${WORD_TLDS})\/[^\s]*`, 'giu');

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
