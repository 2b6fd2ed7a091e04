/** The spot-check plan entity: a draft is frozen once, drawn once, never before its entropy's date. */
import { describe, expect, test } from 'vitest';
import type { LocalDate } from '../../../../lambdas/domain/dates';
import { type PlanDraft, SupervisionPlan } from '../../../../lambdas/domain/supervision/plan';

const officer = { id: 'officer-1', role: 'officer' };
const at = (iso: string) => ({ actor: officer, at: new Date(iso) });
const DEC_5 = '2026-12-05T09:00:00+08:00';

const draft = (over: Partial<PlanDraft> = {}): PlanDraft => ({
  id: 'PLAN-20261205-AAAAAAAAAA',
  name: '电线电缆双随机抽查',
  legalBasis: '《工业产品生产许可证管理条例》',
  scope: { categories: ['06'], districts: [], procedures: [] },
  rules: { sample: { kind: 'count', count: 3 }, inspectorsPerCheck: 2, excludeOwnDistrict: true },
  window: { from: '2026-12-14', to: '2027-01-29' },
  entropy: { source: '双色球第2026141期', date: '2026-12-08', format: 'decimal' },
  ...over,
});

const commitment = {
  enterpriseDigest: 'a'.repeat(64),
  inspectorDigest: 'b'.repeat(64),
  commitment: 'c'.repeat(64),
  enterpriseCount: 10,
  inspectorCount: 6,
  sampleSize: 3,
};
const outcome = { entropyValue: '0309141922270611', seed: 'd'.repeat(64), drawn: 3, skipped: 1, shortfall: 0 };

describe('SupervisionPlan', () => {
  test('a draft is frozen with its commitment and secret, then drawn and completed, each step in its history', () => {
    // Act
    const created = SupervisionPlan.create(draft(), at(DEC_5));
    const frozen = created.freeze(commitment, 'e'.repeat(64), at(DEC_5));
    const drawn = frozen.draw(outcome, at('2026-12-08T20:00:00+08:00'));
    const complete = drawn.completeDraw(at('2026-12-08T20:00:01+08:00'));

    // Assess
    expect(created.toSnapshot()).toMatchObject({ state: 'draft', revision: 1, createdBy: 'officer-1' });
    expect(frozen.toSnapshot()).toMatchObject({ state: 'frozen', secret: 'e'.repeat(64), frozen: { ...commitment } });
    expect(drawn.toSnapshot().drawn).toMatchObject({ ...outcome, complete: false, by: 'officer-1' });
    expect(complete.toSnapshot()).toMatchObject({ state: 'drawn', revision: 4, drawn: { complete: true } });
    expect(complete.toSnapshot().history.map((h) => h.event.split(':')[0])).toEqual([
      'created',
      'frozen',
      'drawn',
      'checks scheduled',
    ]);
    expect(complete.completeDraw(at(DEC_5))).toBe(complete);
  });

  test('is frozen once and drawn once (409 SUPERVISION_PLAN_STATE)', () => {
    const frozen = SupervisionPlan.create(draft(), at(DEC_5)).freeze(commitment, 'e'.repeat(64), at(DEC_5));
    const drawn = frozen.draw(outcome, at('2026-12-08T09:00:00+08:00'));

    expect(() => frozen.freeze(commitment, 'f'.repeat(64), at(DEC_5))).toThrow(
      expect.objectContaining({ code: 'SUPERVISION_PLAN_STATE' }),
    );
    expect(() => drawn.draw(outcome, at('2026-12-09T09:00:00+08:00'))).toThrow(
      expect.objectContaining({ code: 'SUPERVISION_PLAN_STATE' }),
    );
    expect(() => SupervisionPlan.create(draft(), at(DEC_5)).draw(outcome, at('2026-12-09T09:00:00+08:00'))).toThrow(
      expect.objectContaining({ code: 'SUPERVISION_PLAN_STATE', message: expect.stringContaining('freeze it first') }),
    );
  });

  test('is not drawn before the day its entropy is published (Asia/Shanghai dates)', () => {
    const frozen = SupervisionPlan.create(draft(), at(DEC_5)).freeze(commitment, 'e'.repeat(64), at(DEC_5));

    // 2026-12-07T23:59+08:00 is still the 7th in Shanghai although it is 15:59Z.
    expect(() => frozen.draw(outcome, at('2026-12-07T23:59:00+08:00'))).toThrow(
      expect.objectContaining({ code: 'SUPERVISION_ENTROPY_NOT_YET' }),
    );
    expect(frozen.entropyDue('2026-12-08' as LocalDate)).toBe(true);
    expect(frozen.draw(outcome, at('2026-12-08T00:00:00+08:00')).state).toBe('drawn');
  });

  test.each([
    ['a window ending before it starts', draft({ window: { from: '2027-01-29', to: '2026-12-14' } }), 'INVALID_FIELDS'],
    [
      'an entropy published before today (its value is already known)',
      draft({ entropy: { source: 's', date: '2026-12-04', format: 'hex' } }),
      'INVALID_FIELDS',
    ],
    [
      'a single inspector per check',
      draft({ rules: { sample: { kind: 'count', count: 3 }, inspectorsPerCheck: 1, excludeOwnDistrict: true } }),
      'SUPERVISION_INSPECTORS_PER_CHECK',
    ],
  ])('refuses %s', (_what, input, code) => {
    expect(() => SupervisionPlan.create(input, at(DEC_5))).toThrow(expect.objectContaining({ code }));
  });
});
