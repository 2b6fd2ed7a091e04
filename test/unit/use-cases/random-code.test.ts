/** Random identifiers: the dated form and the alphabet without look-alikes. */
import { describe, expect, test } from 'vitest';
import { datedId, randomCode } from '../../../lambdas/use-cases/random-code';

describe('random identifiers', () => {
  test('a dated id names the day in Asia/Shanghai and ten characters of the alphabet', () => {
    // 2026-12-04T17:00Z is already 12-05 in Shanghai.
    expect(datedId('PLAN', new Date('2026-12-04T17:00:00Z'))).toMatch(/^PLAN-20261205-[A-HJ-NP-Z2-9]{10}$/);
  });

  test('codes never use the look-alikes I, O, 0 and 1, and differ from draw to draw', () => {
    const codes = Array.from({ length: 200 }, () => randomCode(8));
    expect(codes.join('')).not.toMatch(/[IO01]/);
    expect(new Set(codes).size).toBe(200);
  });
});
