import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  canonicalEnterprises,
  canonicalInspectors,
  enterpriseListDigest,
  inspectorListDigest,
} from '../../../../lambdas/domain/supervision/candidates';
import { usccWithCheck } from '../../../../lambdas/domain/uscc';
import { VECTOR_USCCS, vectorCandidates } from '../../../support/supervision';
import { codeOf, issuesOf } from '../../../support/thrown';

const inspector = (code: string, district = '420100') => ({
  code,
  unit: 'U',
  district,
  categories: ['13-001'],
  maxChecks: 1,
  previousPairings: [],
  recusals: [],
});

/** text(s) by hand: u32 big-endian length ‖ UTF-8. */
const text = (s: string): Buffer => {
  const body = Buffer.from(s, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  return Buffer.concat([length, body]);
};
const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

describe('canonicalEnterprises', () => {
  it('orders by USCC, derives the district from positions 3–8 and sorts and de-duplicates categories', () => {
    // Prepare
    const [a, b] = [usccWithCheck('91421000MA4K00009'), usccWithCheck('91420100MA4K00009')];

    // Act
    const list = canonicalEnterprises([
      { uscc: a.toLowerCase(), licenceNumber: 'L1', categories: ['14-001', '13-001', '14-001'] },
      { uscc: b, licenceNumber: 'L2', categories: ['13-001'] },
    ]);

    // Assess
    expect(list).toEqual([
      { uscc: b, licenceNumber: 'L2', district: '420100', categories: ['13-001'] },
      { uscc: a, licenceNumber: 'L1', district: '421000', categories: ['13-001', '14-001'] },
    ]);
  });

  it('refuses a USCC listed twice and an invalid USCC, naming the entry', () => {
    const uscc = VECTOR_USCCS[0] as string;
    expect(
      codeOf(() =>
        canonicalEnterprises([
          { uscc, licenceNumber: 'L1', categories: [] },
          { uscc: uscc.toLowerCase(), licenceNumber: 'L2', categories: [] },
        ]),
      ),
    ).toBe('SUPERVISION_CANDIDATE_DUPLICATE');
    expect(issuesOf(() => canonicalEnterprises([{ uscc: 'nope', licenceNumber: 'L', categories: [] }]))).toEqual({
      code: 'USCC_LENGTH',
      fields: ['enterprises.0.uscc'],
    });
  });
});

describe('canonicalInspectors', () => {
  it('orders by code and sorts pairings and recusals', () => {
    // Act
    const list = canonicalInspectors([
      { ...inspector('INS-B'), recusals: ['B', 'A'], previousPairings: ['Z', 'Y', 'Z'] },
      inspector('INS-A'),
    ]);

    // Assess
    expect(list.map((i) => i.code)).toEqual(['INS-A', 'INS-B']);
    expect(list[1]).toMatchObject({ recusals: ['A', 'B'], previousPairings: ['Y', 'Z'] });
  });

  it('refuses a duplicate code, a district that is not six digits and a maximum below 1', () => {
    expect(codeOf(() => canonicalInspectors([inspector('X'), inspector('X')]))).toBe('SUPERVISION_CANDIDATE_DUPLICATE');
    expect(issuesOf(() => canonicalInspectors([inspector('X', '4201')]))).toEqual({
      code: 'INVALID_FIELDS',
      fields: ['inspectors.0.district'],
    });
    expect(issuesOf(() => canonicalInspectors([{ ...inspector('X'), maxChecks: 0 }]))).toEqual({
      code: 'INVALID_FIELDS',
      fields: ['inspectors.0.maxChecks'],
    });
  });
});

describe('list digests', () => {
  it('hash the documented encoding (written out here by hand)', () => {
    // Prepare
    const { enterprises, inspectors } = vectorCandidates();
    const list = (items: Buffer[]) => Buffer.concat([u32(items.length), ...items]);
    const enterpriseBytes = list(
      enterprises.map((e) =>
        Buffer.concat([text(e.uscc), text(e.licenceNumber), text(e.district), list(e.categories.map(text))]),
      ),
    );
    const inspectorBytes = list(
      inspectors.map((i) =>
        Buffer.concat([
          text(i.code),
          text(i.unit),
          text(i.district),
          list(i.categories.map(text)),
          u32(i.maxChecks),
          list(i.previousPairings.map(text)),
          list(i.recusals.map(text)),
        ]),
      ),
    );
    const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest('hex');

    // Act / Assess
    expect(enterpriseListDigest(enterprises)).toBe(
      sha(text('permit/supervision-draw/v1/enterprises'), enterpriseBytes),
    );
    expect(inspectorListDigest(inspectors)).toBe(sha(text('permit/supervision-draw/v1/inspectors'), inspectorBytes));
  });

  it('change when a candidate is added, removed or altered', () => {
    // Prepare
    const { enterprises, inspectors } = vectorCandidates();
    const digest = enterpriseListDigest(enterprises);
    const inspectorDigest = inspectorListDigest(inspectors);

    // Act / Assess
    expect(enterpriseListDigest(enterprises.slice(1))).not.toBe(digest);
    expect(
      enterpriseListDigest([
        ...enterprises,
        ...canonicalEnterprises([{ uscc: usccWithCheck('91420100MA4K00099'), licenceNumber: 'L', categories: [] }]),
      ]),
    ).not.toBe(digest);
    expect(
      inspectorListDigest([{ ...(inspectors[0] as (typeof inspectors)[0]), maxChecks: 9 }, ...inspectors.slice(1)]),
    ).not.toBe(inspectorDigest);
  });
});
