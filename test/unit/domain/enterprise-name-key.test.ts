import { describe, expect, test } from 'vitest';
import { enterpriseNameKey, NAME_KEY_MAX, nameKeyShard } from '../../../lambdas/domain/enterprise-name-key';

describe('enterpriseNameKey', () => {
  test('full-width letters, digits and brackets read as their ordinary forms, in lower case', () => {
    // Prepare / Act / Assess
    expect(enterpriseNameKey('湖北ＡＢＣ１２３（集团）')).toBe('湖北abc123(集团)');
    expect(enterpriseNameKey('湖北abc123(集团)')).toBe(enterpriseNameKey('湖北ＡＢＣ１２３（集团）'));
  });

  test('white space of every kind and invisible characters are removed wherever they are', () => {
    expect(enterpriseNameKey(' 湖北　长江\u00a0线缆\t股份 ')).toBe('湖北长江线缆股份');
    expect(enterpriseNameKey('湖\u200b北')).toBe('湖北');
  });

  test('half-width katakana become full-width; case folds both ways', () => {
    expect(enterpriseNameKey('ｶﾀｶﾅ')).toBe('カタカナ');
    expect(enterpriseNameKey('HUBEI Cable')).toBe(enterpriseNameKey('hubei cable'));
  });

  test('a typed prefix of a name is a prefix of the name’s key (the index relies on it)', () => {
    const name = '湖北长江线缆（武汉）股份有限公司';
    for (const typed of ['湖北', '湖北 长江', '湖北长江线缆（', '湖北长江线缆(武汉']) {
      expect(enterpriseNameKey(name).startsWith(enterpriseNameKey(typed))).toBe(true);
    }
  });

  test('traditional and simplified characters stay different (the register’s names as filed)', () => {
    expect(enterpriseNameKey('湖北長江')).not.toBe(enterpriseNameKey('湖北长江'));
  });

  test('keys are bounded in characters, a rare character outside the BMP counting as one', () => {
    expect(Array.from(enterpriseNameKey('𠀀'.repeat(NAME_KEY_MAX + 5)))).toHaveLength(NAME_KEY_MAX);
  });

  test('an empty or all-space name has an empty key and no shard', () => {
    expect(enterpriseNameKey(' 　 ')).toBe('');
    expect(nameKeyShard('')).toBeUndefined();
    expect(nameKeyShard('𠀀abc')).toBe('𠀀');
  });
});
