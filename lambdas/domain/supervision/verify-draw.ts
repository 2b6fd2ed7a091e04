/**
 * 摇号复核 — recompute a draw from its published record alone and say whether it matches, or where it first differs
 * (`npm run verify-draw` and the public page will call this). Checks, in this order: the lists are canonical, their
 * digests, the commitment against the revealed secret, the entropy's format, the seed, the sample size, each step of
 * the walk, the shortfall. The first difference wins: a candidate added to a list shows as the list's digest, a
 * different entropy or secret as the seed (or the commitment), a steered draw as the first step that differs.
 */

import { toHex } from '../encoding';
import { isPermitError } from '../errors';
import {
  canonicalEnterprises,
  canonicalInspectors,
  type DrawEnterprise,
  type DrawInspector,
  enterpriseListDigest,
  inspectorListDigest,
} from './candidates';
import {
  checkDrawable,
  commitmentOf,
  DRAW_RECORD_FORMAT,
  type DrawRecord,
  drawSeed,
  parseEntropy,
  walkDraw,
} from './draw';

/**
 * Where a record first differs from its recomputation: the field (a dotted path, `steps.3.inspectors` naming the step's
 * index in the walk) with what recomputing gives and what the record says.
 *
 * @example
 * const d: DrawDifference = { field: 'seed', expected: '9f…', actual: '3c…' };
 */
export interface DrawDifference {
  readonly field: string;
  readonly expected: unknown;
  readonly actual: unknown;
}

/**
 * The verdict: a match, or the first difference.
 *
 * @example
 * const v: DrawVerification = verifyDraw(record); // { match: true }
 */
export type DrawVerification =
  | { readonly match: true }
  | { readonly match: false; readonly difference: DrawDifference };

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function firstListDifference<T>(
  field: string,
  expected: readonly T[],
  actual: readonly T[],
): DrawDifference | undefined {
  const length = Math.max(expected.length, actual.length);
  for (let i = 0; i < length; i += 1) {
    if (!same(expected[i], actual[i])) return { field: `${field}.${i}`, expected: expected[i], actual: actual[i] };
  }
  return undefined;
}

/**
 * Recompute a draw from its record. Never throws on a record's content: a field the draw would refuse (a malformed
 * secret, an entropy value of the wrong format, an impossible plan) is reported as that field's difference. The
 * record's *shape* (that `enterprises` is an array of objects with string fields, …) is the caller's to check first,
 * with a schema at the edge where the JSON is read (the `verify-draw` command, the public route).
 *
 * @example
 * verifyDraw(record); // { match: true }
 * verifyDraw({ ...record, entropy: { ...record.entropy, value: '12345678' } });
 * // { match: false, difference: { field: 'seed', expected: '…', actual: '…' } }
 */
export function verifyDraw(record: DrawRecord): DrawVerification {
  try {
    const difference = firstDifference(record);
    return difference ? { match: false, difference } : { match: true };
  } catch (error) {
    if (!isPermitError(error)) throw error;
    const issue = error.details.issues?.[0];
    return {
      match: false,
      difference: { field: issue?.field ?? error.code, expected: error.code, actual: issue?.message ?? error.message },
    };
  }
}

function firstDifference(record: DrawRecord): DrawDifference | undefined {
  if (record.format !== DRAW_RECORD_FORMAT) {
    return { field: 'format', expected: DRAW_RECORD_FORMAT, actual: record.format };
  }
  const enterprises: DrawEnterprise[] = canonicalEnterprises(record.enterprises);
  const inspectors: DrawInspector[] = canonicalInspectors(record.inspectors);
  const checks: (() => DrawDifference | undefined)[] = [
    () => firstListDifference('enterprises', enterprises, record.enterprises),
    () => firstListDifference('inspectors', inspectors, record.inspectors),
    () => differs('enterpriseDigest', enterpriseListDigest(enterprises), record.enterpriseDigest),
    () => differs('inspectorDigest', inspectorListDigest(inspectors), record.inspectorDigest),
    () => differs('commitment', commitmentOf(record.secret), record.commitment),
    () => differs('entropy.value', parseEntropy(record.entropy.value, record.entropy.format), record.entropy.value),
  ];
  for (const check of checks) {
    const difference = check();
    if (difference) return difference;
  }
  const seed = drawSeed({
    secret: record.secret,
    entropy: record.entropy.value,
    planId: record.planId,
    enterpriseDigest: record.enterpriseDigest,
    inspectorDigest: record.inspectorDigest,
  });
  const seedDifference = differs('seed', toHex(seed), record.seed);
  if (seedDifference) return seedDifference;
  const sampleSize = checkDrawable(record.rules, enterprises, inspectors);
  const sizeDifference = differs('sampleSize', sampleSize, record.sampleSize);
  if (sizeDifference) return sizeDifference;
  const walk = walkDraw(seed, record.rules, sampleSize, enterprises, inspectors);
  const length = Math.max(walk.steps.length, record.steps.length);
  for (let i = 0; i < length; i += 1) {
    const expected = walk.steps[i];
    const actual = record.steps[i];
    if (!expected || !actual) return { field: `steps.${i}`, expected, actual };
    for (const key of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
      const e = (expected as unknown as Record<string, unknown>)[key];
      const a = (actual as unknown as Record<string, unknown>)[key];
      if (!same(e, a)) return { field: `steps.${i}.${key}`, expected: e, actual: a };
    }
  }
  return differs('shortfall', walk.shortfall, record.shortfall);
}

const differs = (field: string, expected: unknown, actual: unknown): DrawDifference | undefined =>
  same(expected, actual) ? undefined : { field, expected, actual };
