/**
 * Text from outside (file names, parser messages quoting a file) shown to a
 * person: a name may hold terminal escape codes, which a terminal would obey
 * rather than print. Such characters are written out as `\u001b`.
 */

/**
 * C0 and C1 controls and DEL, the bidirectional overrides and marks (which
 * reorder what follows them on screen), the line and paragraph separators, and
 * lone surrogates (no character at all).
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\p{Cs}/gu;

/**
 * `text` with every control character written as a visible `\uXXXX`. Bytes that
 * were not UTF-8 arrive already decoded as U+FFFD, which shows as a replacement
 * mark. Applying it twice changes nothing more.
 */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE, (char) => `\\u${(char.codePointAt(0) as number).toString(16).padStart(4, '0')}`);
}
