/**
 * Line breaking for mixed Chinese/Latin text: a line may break between any two CJK characters, and between Latin
 * words at spaces; a Latin word longer than a line is broken by character. Simple kinsoku rules keep closing
 * punctuation off the start of a line and opening brackets off its end.
 */

/** Measures text in points at the size being laid out. */
export type Measure = (text: string) => number;

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef\u2014\u2026\u00b7]/u;
const NO_LINE_START = new Set([...'，。、；：？！）》」』】〕〉…—·%,.;:!?)]}”’']);
const NO_LINE_END = new Set([...'（《「『【〔〈([{“‘']);

/**
 * Break `text` into lines no wider than `maxWidth`. White space runs are collapsed; spaces at a break vanish.
 *
 * @example
 * wrapText('湖北省武汉市东湖新技术开发区光谷大道 77 号', 120, (t) => font.widthOf(t, 11));
 */
export function wrapText(text: string, maxWidth: number, measure: Measure): string[] {
  const lines: string[] = [];
  const spaceWidth = measure(' ');
  let line = '';
  let width = 0; // advance widths add up (no kerning is drawn), so widths are kept incrementally
  let pendingSpace = false;
  for (const token of tokenize(text)) {
    if (token === ' ') {
      pendingSpace = line !== '';
      continue;
    }
    const tokenWidth = measure(token);
    const extra = (pendingSpace ? spaceWidth : 0) + tokenWidth;
    if (line === '' || width + extra <= maxWidth) {
      line += (pendingSpace ? ' ' : '') + token;
      width += extra;
    } else {
      lines.push(line);
      line = token;
      width = tokenWidth;
    }
    pendingSpace = false;
    // A token wider than a whole line (a long Latin word, a URL) is cut by character.
    while (width > maxWidth && [...line].length > 1) {
      const [head, rest] = splitToFit(line, maxWidth, measure);
      lines.push(head);
      line = rest;
      width = measure(rest);
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Tokens: single spaces, single CJK characters and Latin words, with kinsoku characters glued to neighbours. */
function tokenize(text: string): string[] {
  const raw: string[] = [];
  let word = '';
  for (const ch of text.replace(/\s+/g, ' ').trim()) {
    if (ch === ' ' || CJK.test(ch)) {
      if (word) raw.push(word);
      word = '';
      raw.push(ch);
    } else {
      word += ch;
    }
  }
  if (word) raw.push(word);
  const tokens: string[] = [];
  let glueNext = false;
  for (const t of raw) {
    const first = t[0] as string;
    const last = t.at(-1) as string;
    const previous = tokens.at(-1);
    if (previous !== undefined && previous !== ' ' && t !== ' ' && (glueNext || NO_LINE_START.has(first))) {
      tokens[tokens.length - 1] += t;
    } else {
      tokens.push(t);
    }
    glueNext = t !== ' ' && NO_LINE_END.has(last);
  }
  return tokens;
}

/** The longest prefix (at least one character) of `text` that fits, and the rest. */
function splitToFit(text: string, maxWidth: number, measure: Measure): [string, string] {
  const chars = [...text];
  let n = 1;
  while (n < chars.length && measure(chars.slice(0, n + 1).join('')) <= maxWidth) n++;
  return [chars.slice(0, n).join(''), chars.slice(n).join('')];
}
