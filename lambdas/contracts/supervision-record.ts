/**
 * The published supervision draw record (`DrawRecord`, `docs/supervision-draw.md` §8) as a wire schema: what the
 * `verify-draw` command and the public plan routes read before they hand a record to `verifyDraw`.
 *
 * The schema checks the record's **shape** only — strict objects, the right types, sensible sizes — and never the
 * draw: a record whose shape is fine but whose contents were tampered with (a candidate added, another secret, a
 * steered team, a malformed entropy value) parses, and `verifyDraw` then names the first difference. So a string that
 * must be hex or a USCC is only bounded in length here; the domain judges its content.
 *
 * @example
 * const record = parseDrawRecord(JSON.parse(text)); // throws ValidationError INVALID_FIELDS naming each bad field
 * verifyDraw(record); // { match: true } | { match: false, difference }
 */
import { z } from 'zod';
import { ValidationError } from '../domain/errors';
import { DRAW_RECORD_FORMAT, type DrawRecord } from '../domain/supervision/draw';
import type { Uscc } from '../domain/uscc';

/**
 * The largest lists a record may carry: a province's licensed enterprises and its inspectors, with room to spare.
 *
 * @example
 * DRAW_RECORD_LIMITS.enterprises; // 100000
 */
export const DRAW_RECORD_LIMITS = {
  enterprises: 100_000,
  inspectors: 10_000,
  categoriesPerEntry: 200,
} as const;

/** Counts, positions and maxima: whole numbers that fit the draw's `u32` encoding (ranges are the domain's to judge). */
const count = z
  .number()
  .int()
  .min(0)
  .max(2 ** 32 - 1);
const hex = z.string().max(256);
/** A USCC as written in the record; `verifyDraw` parses it (check character included) and reports a bad one. */
const usccText = z.string().min(1).max(32);
const code = z.string().min(1).max(64);
const categories = z.array(z.string().min(1).max(32)).max(DRAW_RECORD_LIMITS.categoriesPerEntry);
const usccList = z.array(z.string().min(1).max(32)).max(DRAW_RECORD_LIMITS.enterprises);

const Enterprise = z.strictObject({
  uscc: usccText,
  licenceNumber: z.string().min(1).max(64),
  district: z.string().max(16),
  categories,
});

const Inspector = z.strictObject({
  code,
  unit: z.string().max(200),
  district: z.string().max(16),
  categories,
  maxChecks: count,
  previousPairings: usccList,
  recusals: usccList,
});

const Rules = z.strictObject({
  sample: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('count'), count }),
    z.strictObject({ kind: z.literal('ratio'), basisPoints: count }),
  ]),
  inspectorsPerCheck: count,
  excludeOwnDistrict: z.boolean(),
});

const Entropy = z.strictObject({
  source: z.string().max(500),
  date: z.string().max(32),
  format: z.enum(['decimal', 'hex']),
  value: z.string().max(512),
});

const Step = z.discriminatedUnion('outcome', [
  z.strictObject({
    position: count,
    uscc: z.string().min(1).max(32),
    outcome: z.literal('drawn'),
    inspectors: z.array(code).max(DRAW_RECORD_LIMITS.inspectors),
  }),
  z.strictObject({
    position: count,
    uscc: z.string().min(1).max(32),
    outcome: z.literal('skipped'),
    eligible: count,
  }),
]);

/**
 * The draw record as published (JSON). The OpenAPI document names it `SupervisionDrawRecord`.
 *
 * @example
 * SupervisionDrawRecord.safeParse(json).success; // true for any record drawPlan returned, after JSON round trip
 */
export const SupervisionDrawRecord = z
  .strictObject({
    format: z.literal(DRAW_RECORD_FORMAT),
    planId: z.string().min(1).max(200),
    rules: Rules,
    enterprises: z.array(Enterprise).max(DRAW_RECORD_LIMITS.enterprises),
    inspectors: z.array(Inspector).max(DRAW_RECORD_LIMITS.inspectors),
    enterpriseDigest: hex,
    inspectorDigest: hex,
    commitment: hex,
    secret: hex,
    entropy: Entropy,
    seed: hex,
    sampleSize: count,
    steps: z.array(Step).max(DRAW_RECORD_LIMITS.enterprises),
    shortfall: count,
  })
  .meta({ id: 'SupervisionDrawRecord' });

// The schema and the domain type must describe the same record. Parsing returns a `DrawRecord`, so every field the
// domain needs is there with its type (only the USCC brand is asserted); and these checks fail to compile when the
// domain gains a field that the strict schema would refuse as unknown.
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : never) : never;
type Parsed = z.output<typeof SupervisionDrawRecord>;
type WithBrandedUscc = Omit<Parsed, 'enterprises'> & {
  readonly enterprises: readonly (Omit<Parsed['enterprises'][number], 'uscc'> & { readonly uscc: Uscc })[];
};
const sameFields: [
  SameKeys<Parsed, DrawRecord>,
  SameKeys<Parsed['enterprises'][number], DrawRecord['enterprises'][number]>,
  SameKeys<Parsed['inspectors'][number], DrawRecord['inspectors'][number]>,
  SameKeys<Parsed['rules'], DrawRecord['rules']>,
  SameKeys<Parsed['entropy'], DrawRecord['entropy']>,
] = [true, true, true, true, true];
void sameFields;

/**
 * A draw record from untrusted JSON. Throws `ValidationError` `INVALID_FIELDS` naming every malformed field by its
 * dotted path (`steps.3.inspectors`, `(root)` for a value that is not an object); the draw itself is not re-checked.
 *
 * @example
 * const record = parseDrawRecord(JSON.parse(readFileSync('record.json', 'utf8')));
 */
export function parseDrawRecord(json: unknown): DrawRecord {
  const parsed = SupervisionDrawRecord.safeParse(json);
  // The enterprises' USCCs are branded by the domain type; verifyDraw re-parses each (a bad one is a difference).
  if (parsed.success) return parsed.data as unknown as WithBrandedUscc;
  const issues = parsed.error.issues.flatMap((i) =>
    // An unknown key is named by its own path, not its object's, so the message says which field is extra.
    (i.code === 'unrecognized_keys' ? i.keys.map((key) => [...i.path, key]) : [i.path]).map((path) => ({
      field: path.map(String).join('.') || '(root)',
      message: i.code === 'unrecognized_keys' ? 'is not a field of a draw record' : i.message,
    })),
  );
  throw new ValidationError('INVALID_FIELDS', 'the draw record is malformed', issues);
}
