/**
 * Candidate lists for the supervision draw's tests: the documented test vector (`docs/supervision-draw.md` §9) and
 * generated lists of any size.
 *
 * @example
 * const { enterprises, inspectors } = vectorCandidates();
 * const many = manyEnterprises(500);
 */
import {
  canonicalEnterprises,
  canonicalInspectors,
  type DrawEnterprise,
  type DrawInspector,
} from '../../lambdas/domain/supervision/candidates';
import type { DrawRules } from '../../lambdas/domain/supervision/draw';
import { type Uscc, usccWithCheck } from '../../lambdas/domain/uscc';

/** The vector's five USCCs, in the order they were written (not canonical). */
export const VECTOR_USCCS = [
  '91420100MA4K00001',
  '91420100MA4K00002',
  '91420600MA4K00003',
  '91421000MA4K00004',
  '91420100MA4K00005',
].map(usccWithCheck);

export const VECTOR_SECRET = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';
export const VECTOR_PLAN_ID = 'plan-vector-1';
export const VECTOR_RULES: DrawRules = {
  sample: { kind: 'count', count: 3 },
  inspectorsPerCheck: 2,
  excludeOwnDistrict: true,
};
export const VECTOR_ENTROPY = {
  source: 'test',
  date: '2026-12-08',
  format: 'decimal',
  value: '0309141922270611',
} as const;

/** The vector's lists, canonical. */
export function vectorCandidates(): { enterprises: DrawEnterprise[]; inspectors: DrawInspector[] } {
  const [u1, u2] = VECTOR_USCCS as [Uscc, Uscc];
  return {
    enterprises: canonicalEnterprises(
      VECTOR_USCCS.map((uscc, i) => ({
        uscc,
        licenceNumber: `(鄂)XK13-001-0000${i + 1}`,
        categories: i === 3 ? ['14-001'] : ['13-001'],
      })),
    ),
    inspectors: canonicalInspectors([
      {
        code: 'INS-A',
        unit: '武汉市市场监管局',
        district: '420100',
        categories: ['13-001', '14-001'],
        maxChecks: 2,
        previousPairings: [],
        recusals: [],
      },
      {
        code: 'INS-B',
        unit: '襄阳市市场监管局',
        district: '420600',
        categories: ['13-001'],
        maxChecks: 2,
        previousPairings: [u1],
        recusals: [],
      },
      {
        code: 'INS-C',
        unit: '荆州市市场监管局',
        district: '421000',
        categories: ['13-001', '14-001'],
        maxChecks: 1,
        previousPairings: [],
        recusals: [u2],
      },
      {
        code: 'INS-D',
        unit: '湖北省市场监管局',
        district: '420000',
        categories: ['13-001'],
        maxChecks: 3,
        previousPairings: [],
        recusals: [],
      },
    ]),
  };
}

/** `count` enterprises in district 420100, all in category 13-001, canonical. */
export function manyEnterprises(count: number): DrawEnterprise[] {
  return canonicalEnterprises(
    Array.from({ length: count }, (_, i) => ({
      uscc: usccWithCheck(`91420100MA${String(i).padStart(7, '0')}`),
      licenceNumber: `(鄂)XK13-001-${String(i).padStart(5, '0')}`,
      categories: ['13-001'],
    })),
  );
}

/** `count` inspectors from other districts, all qualified for 13-001, with the given per-plan maximum, canonical. */
export function manyInspectors(count: number, maxChecks: number): DrawInspector[] {
  return canonicalInspectors(
    Array.from({ length: count }, (_, i) => ({
      code: `INS-${String(i).padStart(4, '0')}`,
      unit: `unit ${i % 4}`,
      district: `4206${String(i % 100).padStart(2, '0')}`,
      categories: ['13-001'],
      maxChecks,
      previousPairings: [],
      recusals: [],
    })),
  );
}
