import type * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { certificateFonts } from '../../../../lambdas/adapters/pdf/fonts';
import { fastSubsetFor } from '../../../../lambdas/adapters/pdf/ttf-subset';

const TEXTS = {
  'authority and title': '湖北省市场监督管理局 全国工业产品生产许可证 (鄂)XK13-001-00001',
  'rare characters and Latin': 'abcXYZ0123456789 堃猇龘 é',
  'a repeated character': '许许许可证',
};

const glyphsOf = (font: fontkit.Font, text: string) =>
  Array.from(text, (ch) => font.glyphForCodePoint(ch.codePointAt(0) as number));

describe.each(['regular', 'bold'] as const)('fast TrueType subset of Noto Sans SC %s', (role) => {
  it.each(Object.entries(TEXTS))('writes the same bytes and glyph ids as fontkit for %s', (_name, text) => {
    // Prepare
    const font = certificateFonts()[role].font;
    const reference = font.createSubset();
    const fast = fastSubsetFor(font);

    // Act
    const ids = glyphsOf(font, text).map((glyph) => [reference.includeGlyph(glyph), fast?.includeGlyph(glyph)]);
    const [expected, actual] = [reference.encode(), fast?.encode()];

    // Assess
    expect(fast).toBeDefined();
    for (const [want, got] of ids) expect(got).toBe(want);
    expect(Buffer.from(actual as Uint8Array).equals(Buffer.from(expected))).toBe(true);
  });
});
