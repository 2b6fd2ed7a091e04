import { describe, expect, it } from 'vitest';
import { parseEnterprise } from '../../../lambdas/domain/enterprise';
import type { FieldIssue } from '../../../lambdas/domain/errors';
import { cleanText, TEXT_LIMITS, textLength } from '../../../lambdas/domain/text';
import { issuesOf as fieldsOf } from '../../support/thrown';
import { enterpriseInput } from './support/builders';

describe('cleanText', () => {
  it('trims (ideographic spaces too) and normalises to NFC', () => {
    // Prepare
    const issues: FieldIssue[] = [];

    // Act
    const cleaned = cleanText('\u3000武汉 Cafe\u0301\u3000', 'name', 100, issues);

    // Assess
    expect(cleaned).toBe('武汉 Café');
    expect(issues).toEqual([]);
  });

  it('counts characters as code points, so a rare CJK character counts once', () => {
    // Prepare
    const issues: FieldIssue[] = [];
    const hundredRare = '𠀀'.repeat(100);

    // Act / Assess
    expect(textLength(hundredRare)).toBe(100);
    expect(cleanText(hundredRare, 'name', 100, issues)).toBe(hundredRare);
    expect(cleanText(`${hundredRare}a`, 'name', 100, issues)).toBeUndefined();
    expect(issues).toEqual([{ field: 'name', message: 'is 101 characters long; at most 100 are allowed' }]);
  });

  it('refuses control characters, bidi overrides and empty or non-text values', () => {
    // Prepare
    const issues: FieldIssue[] = [];

    // Act
    for (const [i, value] of ['a\nb', 'a\tb', 'a\u0000', 'a\u202Eb', 'a\uFEFFb', '   ', 42, undefined].entries()) {
      cleanText(value, `f${i}`, 10, issues);
    }
    cleanText(undefined, 'optional', 10, issues, { required: false });

    // Assess
    expect(issues.map((i) => i.field)).toEqual(['f0', 'f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7']);
  });
});

describe('parseEnterprise', () => {
  it('validates and freezes the details', () => {
    // Act
    const enterprise = parseEnterprise(enterpriseInput({ name: ' 武汉长江线缆有限公司 ' }));

    // Assess
    expect(enterprise.name).toBe('武汉长江线缆有限公司');
    expect(Object.isFrozen(enterprise.productionAddresses)).toBe(true);
  });

  it('checks the USCC first, with its own code and field', () => {
    expect(fieldsOf(() => parseEnterprise(enterpriseInput({ uscc: '91350100M000100Y44', name: '' })))).toEqual({
      code: 'USCC_CHECK_CHARACTER',
      fields: ['enterprise.uscc'],
    });
  });

  it('reports every bad text field at once', () => {
    // Act
    const result = fieldsOf(() =>
      parseEnterprise(
        enterpriseInput({
          name: 'x'.repeat(TEXT_LIMITS.enterpriseName + 1),
          domicile: '',
          productionAddresses: ['湖北省武汉市一号', ' 湖北省武汉市一号', 'a\u0007'],
        }),
      ),
    );

    // Assess
    expect(result).toEqual({
      code: 'INVALID_FIELDS',
      fields: ['enterprise.name', 'enterprise.domicile', 'enterprise.productionAddresses.2'],
    });
  });

  it('requires 1 to 20 distinct production addresses', () => {
    expect(fieldsOf(() => parseEnterprise(enterpriseInput({ productionAddresses: [] }))).fields).toEqual([
      'enterprise.productionAddresses',
    ]);
    const many = Array.from({ length: 21 }, (_, i) => `湖北省武汉市${i + 1}号`);
    expect(fieldsOf(() => parseEnterprise(enterpriseInput({ productionAddresses: many }))).fields).toEqual([
      'enterprise.productionAddresses',
    ]);
    expect(fieldsOf(() => parseEnterprise(enterpriseInput({ productionAddresses: ['甲地', ' 甲地'] }))).fields).toEqual(
      ['enterprise.productionAddresses.1'],
    );
  });
});
