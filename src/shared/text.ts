/**
 * The one definition of a chat message's length, for validation (the API schema), storage (the message queue)
 * and the platform caps (the sender's split): Unicode code points, what JSON Schema's maxLength and zod 4's
 * `.max()` count. Never UTF-16 units (an emoji would count twice and could be cut in half). A text is only ever
 * cut between user-perceived characters (grapheme clusters), so no emoji, flag or accented letter is split.
 * Counting code points, not clusters, keeps a cut text within a cap that counts either.
 */

/** Length in code points. */
export function textLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * The UTF-16 index where a text is cut so that what comes before is at most `max` code points and ends on a
 * whole user-perceived character. Only when the first character alone is longer than `max` (a letter under
 * hundreds of combining marks) is it cut inside, between code points, so a split always makes progress.
 */
export function cutIndex(text: string, max: number): number {
  if (textLength(text) <= max) return text.length;
  let points = 0;
  let cut = 0;
  for (const { segment, index } of segmenter.segment(text)) {
    points += textLength(segment);
    if (points > max) break;
    cut = index + segment.length;
  }
  if (cut > 0 || max <= 0) return cut;
  let i = 0;
  for (let n = 0; n < max; n++) i += text.codePointAt(i)! > 0xffff ? 2 : 1;
  return i;
}

/** The longest prefix of whole characters within `max` code points. */
export function truncateText(text: string, max: number): string {
  return text.slice(0, cutIndex(text, max));
}
