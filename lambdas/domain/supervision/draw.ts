/**
 * 双随机抽取 — "commit, then draw": the plan's commitment, the public entropy's format, the seed, and the documented
 * deterministic draw of enterprises and their inspectors (`docs/supervision-draw.md` is the specification; this module
 * is its reference implementation, and the document's test vectors are checked against it).
 *
 * 1. Freezing fixes both candidate lists (`candidates.ts`), their digests and `commitment = SHA-256(secret)`.
 * 2. At the draw the entropy value (a number a public body publishes later) is entered and the secret revealed;
 *    `seed = SHA-256(text(SEED_TAG) ‖ bytes(secret) ‖ text(entropy) ‖ text(planId) ‖ bytes(enterprise digest) ‖
 *    bytes(inspector digest))`.
 * 3. A forward Fisher–Yates shuffle of the enterprises from the counter stream `shuffle`; walking it, each enterprise
 *    gets `inspectorsPerCheck` inspectors by a partial Fisher–Yates over those eligible, from the stream `assign`; an
 *    enterprise with too few eligible inspectors is skipped (and the skip recorded); the walk stops at the sample size.
 *
 * Neither side can steer it: the officer does not know the entropy when committing, and whoever publishes the entropy
 * does not know the secret. Pure: no clock, no I/O; the use case stores and publishes the {@link DrawRecord}.
 */

import { fromHex, lengthPrefixed, sha256, text, toHex } from '../encoding';
import { UnprocessableError, ValidationError } from '../errors';
import {
  canonicalEnterprises,
  canonicalInspectors,
  type DrawEnterprise,
  type DrawInspector,
  enterpriseListDigest,
  inspectorListDigest,
} from './candidates';
import { CounterStream } from './random-stream';

/** Domain-separation tag of the seed. */
export const SEED_TAG = 'permit/supervision-draw/v1/seed';

/** The record's format name; a verifier refuses a format it does not know. */
export const DRAW_RECORD_FORMAT = 'permit-supervision-draw/1';

/**
 * How many enterprises to check: a count, or a ratio in basis points (1 = 0.01 %) of the candidates, rounded **up**
 * (`ceil(N × basisPoints / 10000)`, in integers) so a non-empty ratio never samples nobody.
 *
 * @example
 * const five: SampleSize = { kind: 'count', count: 5 };
 * const threePercent: SampleSize = { kind: 'ratio', basisPoints: 300 };
 */
export type SampleSize =
  | { readonly kind: 'count'; readonly count: number }
  | { readonly kind: 'ratio'; readonly basisPoints: number };

/**
 * The plan's rules the draw obeys. Never sending an inspector to an enterprise of their previous check, against a
 * recusal, beyond their per-plan maximum or outside their qualification is not configurable; the own-district rule is.
 *
 * @example
 * const rules: DrawRules = { sample: { kind: 'count', count: 30 }, inspectorsPerCheck: 2, excludeOwnDistrict: true };
 */
export interface DrawRules {
  readonly sample: SampleSize;
  /** Inspectors sent on each check, at least 2 (执法检查人员不少于两人). */
  readonly inspectorsPerCheck: number;
  /** Never send an inspector to an enterprise in their own district. */
  readonly excludeOwnDistrict: boolean;
}

/**
 * The public entropy: named when the plan is frozen (source, date, format), its value entered at the draw.
 *
 * @example
 * const entropy: DrawEntropy = { source: '中国福利彩票双色球 2026-12-08 开奖号码', date: '2026-12-08', format: 'decimal',
 *   value: '0309141922270611' };
 */
export interface DrawEntropy {
  readonly source: string;
  readonly date: string;
  readonly format: 'decimal' | 'hex';
  readonly value: string;
}

/**
 * One step of the walk along the shuffle: an enterprise drawn with its inspectors (in the order drawn), or skipped
 * because fewer than `inspectorsPerCheck` inspectors were eligible at that moment.
 *
 * @example
 * const step: DrawStep = { position: 0, uscc: '91420100…', outcome: 'drawn', inspectors: ['INS-0007', 'INS-0002'] };
 */
export type DrawStep =
  | {
      readonly position: number;
      readonly uscc: string;
      readonly outcome: 'drawn';
      readonly inspectors: readonly string[];
    }
  | { readonly position: number; readonly uscc: string; readonly outcome: 'skipped'; readonly eligible: number };

/**
 * Everything needed to recompute a draw and nothing personal: the published record and proof.
 *
 * @example
 * const record: DrawRecord = drawPlan({ planId, rules, enterprises, inspectors, secret, entropy });
 * verifyDraw(record); // { match: true }
 */
export interface DrawRecord {
  readonly format: typeof DRAW_RECORD_FORMAT;
  readonly planId: string;
  readonly rules: DrawRules;
  readonly enterprises: readonly DrawEnterprise[];
  readonly inspectors: readonly DrawInspector[];
  readonly enterpriseDigest: string;
  readonly inspectorDigest: string;
  /** SHA-256 (hex) of the secret's 32 bytes, published at freezing. */
  readonly commitment: string;
  /** The secret (64 hex characters), revealed at the draw. */
  readonly secret: string;
  readonly entropy: DrawEntropy;
  /** SHA-256 (hex), see {@link drawSeed}. */
  readonly seed: string;
  readonly sampleSize: number;
  /** The walk along the shuffle, position 0 first, up to the last enterprise drawn. */
  readonly steps: readonly DrawStep[];
  /** Enterprises short of the sample size when the shuffle ran out (0 for a complete draw). */
  readonly shortfall: number;
}

function secretBytes(secret: string): Uint8Array {
  const bytes = fromHex(secret);
  if (bytes?.length !== 32) {
    throw new ValidationError('SUPERVISION_SECRET_MALFORMED', 'the draw secret is 32 bytes written as 64 hex digits', [
      { field: 'secret', message: `got ${secret.length} characters` },
    ]);
  }
  return bytes;
}

/**
 * The commitment published at freezing: SHA-256 (hex) of the secret's 32 bytes (not of its hex text).
 *
 * @example
 * commitmentOf('00'.repeat(32)); // '66687aad…f925'
 */
export const commitmentOf = (secret: string): string => toHex(sha256(secretBytes(secret)));

/**
 * The entropy value as the seed uses it: trimmed; decimal digits only, or hex digits lower-cased; 8–128 characters.
 * Throws `SUPERVISION_ENTROPY_MALFORMED` (422) for anything else, before anything is drawn.
 *
 * @example
 * parseEntropy(' 0309141922270611 ', 'decimal'); // '0309141922270611'
 * parseEntropy('00000000000000000002A6F1', 'hex'); // '00000000000000000002a6f1'
 */
export function parseEntropy(value: string, format: DrawEntropy['format']): string {
  const trimmed = value.trim();
  const pattern = format === 'decimal' ? /^[0-9]{8,128}$/ : /^[0-9a-fA-F]{8,128}$/;
  if (!pattern.test(trimmed)) {
    throw new UnprocessableError(
      'SUPERVISION_ENTROPY_MALFORMED',
      `the entropy value is not ${format === 'decimal' ? 'decimal digits' : 'hex digits'}, 8–128 characters`,
      {
        issues: [
          { field: 'entropy.value', message: `expected the plan’s declared format (${format}), 8–128 characters` },
        ],
      },
    );
  }
  return format === 'hex' ? trimmed.toLowerCase() : trimmed;
}

/**
 * The seed: SHA-256 over the secret, the entropy, the plan id and both list digests, each length-prefixed.
 *
 * @example
 * toHex(drawSeed({ secret, entropy: '0309141922270611', planId: 'plan-1', enterpriseDigest, inspectorDigest }));
 */
export function drawSeed(input: {
  readonly secret: string;
  readonly entropy: string;
  readonly planId: string;
  readonly enterpriseDigest: string;
  readonly inspectorDigest: string;
}): Uint8Array {
  const digest = (hex: string, field: string): Uint8Array => {
    const bytes = fromHex(hex);
    if (bytes?.length !== 32) {
      throw new ValidationError('INVALID_FIELDS', 'a list digest is 64 hex digits', [{ field, message: hex }]);
    }
    return bytes;
  };
  return sha256(
    text(SEED_TAG),
    lengthPrefixed(secretBytes(input.secret)),
    text(input.entropy),
    text(input.planId),
    lengthPrefixed(digest(input.enterpriseDigest, 'enterpriseDigest')),
    lengthPrefixed(digest(input.inspectorDigest, 'inspectorDigest')),
  );
}

/**
 * The number of enterprises to draw from `candidates`. Throws `INVALID_FIELDS` for a count below 1 or a ratio outside
 * 1–10000 basis points, and `SUPERVISION_SAMPLE_TOO_LARGE` (422) for more than there are candidates.
 *
 * @example
 * sampleSizeOf({ kind: 'ratio', basisPoints: 300 }, 500); // 15
 * sampleSizeOf({ kind: 'ratio', basisPoints: 300 }, 501); // 16 (15.03 rounded up)
 */
export function sampleSizeOf(sample: SampleSize, candidates: number): number {
  const size = sample.kind === 'count' ? sample.count : Math.ceil((candidates * sample.basisPoints) / 10_000);
  const valid =
    sample.kind === 'count'
      ? Number.isInteger(sample.count) && sample.count >= 1
      : Number.isInteger(sample.basisPoints) && sample.basisPoints >= 1 && sample.basisPoints <= 10_000;
  if (!valid) {
    throw new ValidationError('INVALID_FIELDS', 'the sample is a count from 1 or a ratio of 1–10000 basis points', [
      { field: `rules.sample.${sample.kind === 'count' ? 'count' : 'basisPoints'}`, message: 'out of range' },
    ]);
  }
  if (size > candidates || size < 1) {
    throw new UnprocessableError(
      'SUPERVISION_SAMPLE_TOO_LARGE',
      `the sample (${size}) is larger than the ${candidates} candidates`,
      {
        issues: [{ field: 'rules.sample', message: `${size} of ${candidates} candidates` }],
      },
    );
  }
  return size;
}

/** Per-inspector lookups built once per draw. */
interface Eligibility {
  readonly inspector: DrawInspector;
  readonly categories: ReadonlySet<string>;
  readonly barred: ReadonlySet<string>;
}

const eligibilityOf = (inspectors: readonly DrawInspector[]): Eligibility[] =>
  inspectors.map((inspector) => ({
    inspector,
    categories: new Set(inspector.categories),
    barred: new Set([...inspector.previousPairings, ...inspector.recusals]),
  }));

/** The conflict rules apart from the per-plan maximum (which depends on the draw so far). */
function mayInspect(e: Eligibility, enterprise: DrawEnterprise, rules: DrawRules): boolean {
  if (rules.excludeOwnDistrict && e.inspector.district === enterprise.district) return false;
  if (e.barred.has(enterprise.uscc)) return false;
  return enterprise.categories.some((c) => e.categories.has(c));
}

/**
 * Refuse, before anything is frozen or drawn, a plan the candidates cannot satisfy: `SUPERVISION_INSPECTORS_PER_CHECK`
 * (fewer than 2), `SUPERVISION_SAMPLE_TOO_LARGE`, and `SUPERVISION_INSPECTORS_INSUFFICIENT` when the eligible
 * inspectors cannot cover the checks — fewer enterprises have `inspectorsPerCheck` inspectors who may go there than
 * the sample needs, or the inspectors' maxima (each counted at most once per check) add up to fewer places than
 * `sample × inspectorsPerCheck`. Both are necessary conditions; a draw that passes them can still skip enterprises
 * (the maxima bind as it goes), and a draw that runs out of candidates records its shortfall. Returns the sample size.
 *
 * @example
 * checkDrawable(rules, enterprises, inspectors); // 30
 */
export function checkDrawable(
  rules: DrawRules,
  enterprises: readonly DrawEnterprise[],
  inspectors: readonly DrawInspector[],
): number {
  const k = rules.inspectorsPerCheck;
  if (!Number.isInteger(k) || k < 2 || k > 0xffff) {
    throw new UnprocessableError('SUPERVISION_INSPECTORS_PER_CHECK', 'each check needs at least two inspectors', {
      issues: [{ field: 'rules.inspectorsPerCheck', message: `got ${k}; at least 2` }],
    });
  }
  const size = sampleSizeOf(rules.sample, enterprises.length);
  const places = inspectors.reduce((n, i) => n + Math.min(i.maxChecks, size), 0);
  const eligibility = eligibilityOf(inspectors);
  let staffable = 0;
  for (const enterprise of enterprises) {
    let eligible = 0;
    for (const e of eligibility) if (mayInspect(e, enterprise, rules) && ++eligible >= k) break;
    if (eligible >= k) staffable += 1;
    if (staffable >= size) break;
  }
  if (places < size * k || staffable < size) {
    throw new UnprocessableError(
      'SUPERVISION_INSPECTORS_INSUFFICIENT',
      `the eligible inspectors cannot cover ${size} checks of ${k} inspectors`,
      {
        issues: [
          {
            field: 'inspectors',
            message: `${places} places for ${size * k} assignments; ${staffable} enterprises can be staffed, ${size} needed`,
          },
        ],
      },
    );
  }
  return size;
}

/**
 * The walk itself, from a seed: the shuffle, the assignments, the skips (`docs/supervision-draw.md` §6–§7). Lists must
 * be canonical. Exported for the verifier and the statistical test; a use case calls {@link drawPlan}.
 *
 * @example
 * const { steps, shortfall } = walkDraw(seed, rules, 30, enterprises, inspectors);
 */
export function walkDraw(
  seed: Uint8Array,
  rules: DrawRules,
  sampleSize: number,
  enterprises: readonly DrawEnterprise[],
  inspectors: readonly DrawInspector[],
): { readonly steps: DrawStep[]; readonly shortfall: number } {
  const shuffle = new CounterStream(seed, 'shuffle');
  const assign = new CounterStream(seed, 'assign');
  const eligibility = eligibilityOf(inspectors);
  const used = new Array<number>(inspectors.length).fill(0);
  const k = rules.inspectorsPerCheck;
  const n = enterprises.length;
  const order = Array.from({ length: n }, (_, i) => i);
  const steps: DrawStep[] = [];
  let drawn = 0;
  for (let position = 0; position < n && drawn < sampleSize; position += 1) {
    // Forward Fisher–Yates: position p takes a uniform pick of the n − p not yet placed.
    const j = position + shuffle.below(n - position);
    const picked = order[j] ?? 0;
    order[j] = order[position] ?? 0;
    order[position] = picked;
    const enterprise = enterprises[picked] as DrawEnterprise;
    const eligible: number[] = [];
    eligibility.forEach((e, index) => {
      if ((used[index] ?? 0) < e.inspector.maxChecks && mayInspect(e, enterprise, rules)) eligible.push(index);
    });
    if (eligible.length < k) {
      steps.push({ position, uscc: enterprise.uscc, outcome: 'skipped', eligible: eligible.length });
      continue;
    }
    // Partial Fisher–Yates over the eligible, in canonical order: the first k places are the team.
    for (let t = 0; t < k; t += 1) {
      const s = t + assign.below(eligible.length - t);
      const chosen = eligible[s] ?? 0;
      eligible[s] = eligible[t] ?? 0;
      eligible[t] = chosen;
      used[chosen] = (used[chosen] ?? 0) + 1;
    }
    const team = eligible.slice(0, k).map((index) => (inspectors[index] as DrawInspector).code);
    steps.push({ position, uscc: enterprise.uscc, outcome: 'drawn', inspectors: team });
    drawn += 1;
  }
  return { steps, shortfall: sampleSize - drawn };
}

/**
 * Draw a frozen plan: check it can be drawn, derive the seed, walk, and return the record to publish. The lists are
 * put in canonical form again here (a no-op for the frozen lists, and cheap), so no caller can ever publish a record
 * that its own verifier would refuse for order; the caller compares the returned digests and commitment with what was
 * published at freezing (a difference means the lists or the secret changed since: refuse the draw).
 *
 * @example
 * const record = drawPlan({ planId: 'plan-1', rules, enterprises, inspectors, secret, entropy });
 */
export function drawPlan(input: {
  readonly planId: string;
  readonly rules: DrawRules;
  readonly enterprises: readonly DrawEnterprise[];
  readonly inspectors: readonly DrawInspector[];
  readonly secret: string;
  readonly entropy: DrawEntropy;
}): DrawRecord {
  const { planId, rules } = input;
  const enterprises = canonicalEnterprises(input.enterprises);
  const inspectors = canonicalInspectors(input.inspectors);
  const entropyValue = parseEntropy(input.entropy.value, input.entropy.format);
  const sampleSize = checkDrawable(rules, enterprises, inspectors);
  const enterpriseDigest = enterpriseListDigest(enterprises);
  const inspectorDigest = inspectorListDigest(inspectors);
  const secret = input.secret.toLowerCase();
  const commitment = commitmentOf(secret);
  const seed = drawSeed({ secret, entropy: entropyValue, planId, enterpriseDigest, inspectorDigest });
  const { steps, shortfall } = walkDraw(seed, rules, sampleSize, enterprises, inspectors);
  return {
    format: DRAW_RECORD_FORMAT,
    planId,
    rules,
    enterprises,
    inspectors,
    enterpriseDigest,
    inspectorDigest,
    commitment,
    secret,
    entropy: { ...input.entropy, value: entropyValue },
    seed: toHex(seed),
    sampleSize,
    steps,
    shortfall,
  };
}
