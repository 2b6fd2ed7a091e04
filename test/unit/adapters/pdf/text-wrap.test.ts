import { describe, expect, it } from 'vitest';
import { certificateFonts } from '../../../../lambdas/adapters/pdf/fonts';
import { wrapText } from '../../../../lambdas/adapters/pdf/text-wrap';

const { regular } = certificateFonts();
const measure = (t: string) => regular.widthOf(t, 10);
const squash = (s: string) => s.replace(/\s+/g, '');

describe('wrapText', () => {
  it('breaks CJK text between any two characters, filling each line', () => {
    const text = '湖北省武汉市东湖新技术开发区光谷大道特一号光谷生物城创新园二期';
    const lines = wrapText(text, 100, measure); // 10 characters of 10 pt per line
    expect(lines).toEqual(['湖北省武汉市东湖新技', '术开发区光谷大道特一', '号光谷生物城创新园二', '期']);
  });

  it('keeps Latin words whole and drops the space at the break', () => {
    const lines = wrapText('Hot-rolled ribbed steel bars for reinforced concrete', 90, measure);
    for (const line of lines) expect(line).not.toMatch(/^\s|\s$/);
    expect(lines.join(' ')).toBe('Hot-rolled ribbed steel bars for reinforced concrete');
    expect(lines.every((l) => measure(l) <= 90)).toBe(true);
  });

  it('keeps closing punctuation off the start of a line and opening brackets off its end', () => {
    const lines = wrapText('一二三四五六七八九（十）、甲乙丙丁戊己庚辛壬癸，子丑', 100, measure);
    for (const line of lines) {
      expect(line).not.toMatch(/^[，。、）]/);
      expect(line).not.toMatch(/[（]$/);
    }
    expect(squash(lines.join(''))).toBe(squash('一二三四五六七八九（十）、甲乙丙丁戊己庚辛壬癸，子丑'));
  });

  it('cuts a word longer than a line by character, and never loses text', () => {
    const word = 'Supercalifragilisticexpialidociousindustrialcomplex';
    const lines = wrapText(`Park ${word} 7`, 80, measure);
    expect(lines.every((l) => measure(l) <= 80)).toBe(true);
    expect(squash(lines.join(''))).toBe(squash(`Park ${word} 7`));
  });

  it('mixes CJK and Latin, collapsing white space', () => {
    const text = '湖北省荆州市沙市区江津东路  288 号\nBuilding 7, Jingzhou Industrial Park';
    const lines = wrapText(text, 150, measure);
    expect(lines.every((l) => measure(l) <= 150)).toBe(true);
    expect(lines.join(' ').replace(/\s+/g, ' ')).toContain('288 号 Building 7,');
  });
});
