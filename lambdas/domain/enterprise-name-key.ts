/**
 * The search key of an enterprise name (企业名称检索键): the one normalisation a name goes through when it is written
 * to the name index and when a prefix is looked up, so that what a person types finds what was filed however either
 * was typed — a Chinese IME's full-width letters, digits and brackets (ＡＢＣ１２３（）), half-width katakana, upper
 * or lower case, spaces anywhere (ideographic, no-break, between characters).
 *
 * The steps: Unicode NFKC (full-width and half-width forms become their ordinary characters, compatibility
 * characters their plain ones), then every white-space and invisible format character removed, then lower case.
 * Nothing else is folded: traditional and simplified characters are different names, as the register has them.
 *
 * @example
 * enterpriseNameKey('湖北 长江线缆（ＡＢＣ）股份有限公司'); // '湖北长江线缆(abc)股份有限公司'
 */

/** Characters that never count in a name's key: white space and invisible format characters (zero-width space …). */
const IGNORED = /[\s\p{Cf}]/gu;

/** Longest key kept (characters): twice the longest name the register accepts, so any stored name fits. */
export const NAME_KEY_MAX = 200;

/**
 * The search key of a name or of a typed prefix (see the module doc).
 *
 * @example
 * enterpriseNameKey('　Ｈｕｂｅｉ　Cable '); // 'hubeicable'
 */
export function enterpriseNameKey(name: string): string {
  return Array.from(String(name).normalize('NFKC').replace(IGNORED, '').toLowerCase()).slice(0, NAME_KEY_MAX).join('');
}

/**
 * The first character of a key: the name index is spread over one partition per first character, so a prefix is
 * always looked up in exactly one of them. Undefined for an empty key (nothing to look up).
 *
 * @example
 * nameKeyShard('湖北长江'); // '湖'
 * nameKeyShard('𠀀abc'); // '𠀀' (a whole code point)
 */
export function nameKeyShard(key: string): string | undefined {
  for (const first of key) return first;
  return undefined;
}
