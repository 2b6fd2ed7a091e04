import { describe, expect, it } from 'vitest';
import { parseEnterprise } from '../../../lambdas/domain/enterprise';
import type { FieldIssue } from '../../../lambdas/domain/errors';
import {
  cleanFileName,
  cleanText,
  describeCharacter,
  TEXT_LIMITS,
  textLength,
  throwIfIssues,
  unprintableCharacters,
} from '../../../lambdas/domain/text';
import { enterpriseInput } from '../../support/domain-builders';
import { issuesOf as fieldsOf } from '../../support/thrown';

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
    const hundredRare = '𣲗'.repeat(100); // U+23C97, outside the BMP, drawn by the certificate font

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

    // Assess: the unprintable character decides the code; every field is still listed
    expect(result).toEqual({
      code: 'TEXT_NOT_PRINTABLE',
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

describe('the printable-text policy', () => {
  it('refuses invisible and formatting characters, naming each by code point', () => {
    // Prepare
    const invisible = ['\u200B', '\u200C', '\u200D', '\u200E', '\u200F', '\u2060', '\u2064', '\uFEFF', '\u00AD'];
    const more = ['\uFE0F', '\u{E0101}', '\u3164', '\u202E', '\u2066', '\u2028', '\u0000', '\r', '\n', '\t'];

    // Act / Assess
    for (const ch of [...invisible, ...more]) {
      expect(unprintableCharacters(`武汉${ch}钢铁`), `U+${ch.codePointAt(0)?.toString(16)}`).toEqual([ch]);
      expect(describeCharacter(ch)).toMatch(/^U\+[0-9A-F]{4,5}$/);
    }
  });

  it('refuses characters the certificate font cannot draw and combining marks left after NFC, naming them', () => {
    // Act / Assess
    expect(unprintableCharacters('😀𠮷ا')).toEqual(['😀', '𠮷', 'ا']);
    expect(unprintableCharacters('a\u0301\u20DD')).toEqual(['\u0301', '\u20DD']);
    expect(describeCharacter('😀')).toBe('U+1F600 😀');
    expect(describeCharacter('𠮷')).toBe('U+20BB7 𠮷');
  });

  it('accepts rare characters the font has, Latin with accents, and any white space', () => {
    // Act / Assess
    expect(unprintableCharacters('堃猇𣲗䶮𬌗 Café Ω Я')).toEqual([]);
    expect(unprintableCharacters('湖北\u3000武汉\u00A0光谷')).toEqual([]);
  });

  it('allows line feeds in multi-line text only, storing CR LF as LF', () => {
    // Prepare
    const issues: FieldIssue[] = [];

    // Act
    const comment = cleanText('材料齐全。\r\n请补充检测报告。', 'comment', 100, issues, { multiline: true });
    const oneLine = cleanText('材料齐全。\n', 'name', 100, issues);
    const twoLines = cleanText('材料\n齐全', 'name', 100, issues);

    // Assess
    expect(comment).toBe('材料齐全。\n请补充检测报告。');
    expect(oneLine).toBe('材料齐全。'); // trimmed
    expect(twoLines).toBeUndefined();
    expect(issues).toEqual([{ field: 'name', message: 'contains characters the certificate cannot print: U+000A' }]);
  });

  it('answers TEXT_NOT_PRINTABLE naming the field and the characters', () => {
    // Prepare
    const issues: FieldIssue[] = [];
    cleanText('武汉\u200B钢铁😀', 'enterprise.name', 100, issues);

    // Act
    const thrown = fieldsOf(() => throwIfIssues(issues));

    // Assess
    expect(thrown).toEqual({ code: 'TEXT_NOT_PRINTABLE', fields: ['enterprise.name'] });
    expect(issues[0]?.message).toBe('contains characters the certificate cannot print: U+200B, U+1F600 😀');
  });

  it('takes file names as display text: no path separators, no controls, bounded length', () => {
    // Prepare
    const issues: FieldIssue[] = [];

    // Act
    const good = cleanFileName(' 检测报告（2026）.pdf ', 'fileName', issues);
    cleanFileName('../etc/passwd', 'a', issues);
    cleanFileName('C:\\报告.pdf', 'b', issues);
    cleanFileName('报告\u202Efdp.exe', 'c', issues);
    cleanFileName(`${'报'.repeat(TEXT_LIMITS.fileName)}.pdf`, 'd', issues);

    // Assess
    expect(good).toBe('检测报告（2026）.pdf');
    expect(issues.map((i) => [i.field, i.message])).toEqual([
      ['a', 'is a file name, not a path: U+002F / not allowed'],
      ['b', 'is a file name, not a path: U+005C \\ not allowed'],
      ['c', 'contains characters the certificate cannot print: U+202E'],
      ['d', `is ${TEXT_LIMITS.fileName + 4} characters long; at most ${TEXT_LIMITS.fileName} are allowed`],
    ]);
    expect(fieldsOf(() => throwIfIssues(issues.slice(0, 1))).code).toBe('FILE_NAME_INVALID');
  });
});
