/**
 * The 31 provincial-level divisions of mainland China that issue production licences, each with the one-character
 * abbreviation printed in licence numbers (省简称) and its two-digit GB/T 2260 code, which the URL-safe form of a
 * licence number uses instead of the character. The numeric code is unique where romanised abbreviations are not
 * (湖北 and 河北 are both "HB").
 *
 * Where a province has a second abbreviation (贵/黔, 云/滇, 川/蜀, 陕/秦, 甘/陇) the table carries the first one only, so
 * that every number has exactly one printed form.
 */

/**
 * One provincial-level division.
 *
 * @example
 * const hubei: Province = { abbr: '鄂', code: '42', name: '湖北省' };
 */
export interface Province {
  readonly abbr: string;
  /** GB/T 2260 two-digit code. */
  readonly code: string;
  readonly name: string;
}

/**
 * The table, in GB/T 2260 order.
 *
 * @example
 * PROVINCES.find((p) => p.abbr === '鄂'); // { abbr: '鄂', code: '42', name: '湖北省' }
 */
export const PROVINCES: readonly Province[] = Object.freeze(
  (
    [
      ['京', '11', '北京市'],
      ['津', '12', '天津市'],
      ['冀', '13', '河北省'],
      ['晋', '14', '山西省'],
      ['蒙', '15', '内蒙古自治区'],
      ['辽', '21', '辽宁省'],
      ['吉', '22', '吉林省'],
      ['黑', '23', '黑龙江省'],
      ['沪', '31', '上海市'],
      ['苏', '32', '江苏省'],
      ['浙', '33', '浙江省'],
      ['皖', '34', '安徽省'],
      ['闽', '35', '福建省'],
      ['赣', '36', '江西省'],
      ['鲁', '37', '山东省'],
      ['豫', '41', '河南省'],
      ['鄂', '42', '湖北省'],
      ['湘', '43', '湖南省'],
      ['粤', '44', '广东省'],
      ['桂', '45', '广西壮族自治区'],
      ['琼', '46', '海南省'],
      ['渝', '50', '重庆市'],
      ['川', '51', '四川省'],
      ['贵', '52', '贵州省'],
      ['云', '53', '云南省'],
      ['藏', '54', '西藏自治区'],
      ['陕', '61', '陕西省'],
      ['甘', '62', '甘肃省'],
      ['青', '63', '青海省'],
      ['宁', '64', '宁夏回族自治区'],
      ['新', '65', '新疆维吾尔自治区'],
    ] as const
  ).map(([abbr, code, name]) => Object.freeze({ abbr, code, name })),
);

const BY_ABBR = new Map(PROVINCES.map((p) => [p.abbr, p] as const));
const BY_CODE = new Map(PROVINCES.map((p) => [p.code, p] as const));

/**
 * The province with this abbreviation, if any.
 *
 * @example
 * provinceByAbbr('鄂')?.code; // '42'
 */
export function provinceByAbbr(abbr: string): Province | undefined {
  return BY_ABBR.get(abbr);
}

/**
 * The province with this GB/T 2260 code, if any.
 *
 * @example
 * provinceByCode('42')?.abbr; // '鄂'
 */
export function provinceByCode(code: string): Province | undefined {
  return BY_CODE.get(code);
}
