/**
 * The answers a verification sends, rendered by the real presenters, and what compressing them would save — the
 * input of the cost model's compression change (`npm run cost:compression` writes it to cost/measured.json; the unit
 * test checks the recorded ratios against a fresh measurement).
 *
 * The sample is the valid example result (`EXAMPLE_RESULTS.valid`, built with `buildResult`) with a transparency-log
 * inclusion like the one the bench's certificates carry: a real encoded issuance entry, an audit path of 17 SHA-256
 * hashes (a tree of ~120,000 entries: one year of 10,000 issuances a month) and a signed checkpoint note. Hashes are
 * incompressible, so leaving them out would flatter the ratio.
 */
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { encodeEntry } from '../lambdas/domain/transparency/entries';
import { EXAMPLE_RESULTS } from '../lambdas/domain/verification/examples';
import { logInclusionText } from '../lambdas/domain/verification/log-inclusion';
import { buildResult, type VerificationResult } from '../lambdas/domain/verification/result';
import { resultResponse } from '../lambdas/presenters/verification-response';

const BASE_URL = 'https://permit.amr.hubei.gov.cn';
/** Audit path length for a tree of ~120,000 entries (⌈log2 120,000⌉). */
const PROOF_HASHES = 17;
const TREE_SIZE = 120_000;

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/**
 * The valid example result with an `included` transparency-log inclusion, built with `buildResult`.
 *
 * @example
 * renderVerificationPage(sampleResult(), { baseUrl });
 */
export function sampleResult(): VerificationResult {
  const valid = EXAMPLE_RESULTS.valid;
  const index = 86_421;
  const entry = encodeEntry({
    type: 'issuance',
    licenceNumber: valid.certificate?.licenceNo ?? '(鄂)XK05-001-00042',
    version: valid.certificate?.version ?? 2,
    qrRecordSha256: digest('qr record').toString('hex'),
    pdfSha256: digest('pdf').toString('hex'),
    kid: 'permit-2026-1',
    time: '2026-09-28T02:00:00.000Z',
  });
  const proof = Array.from({ length: PROOF_HASHES }, (_, i) => digest(`node ${i}`).toString('base64'));
  const checkpoint = `permit.amr.hubei.gov.cn/log\n${TREE_SIZE}\n${digest('root').toString('base64')}\n\n— permit.amr.hubei.gov.cn/log ${Buffer.concat(
    [digest('sig 1'), digest('sig 2')],
  )
    .subarray(0, 68)
    .toString('base64')}\n`;
  return buildResult({
    mode: valid.mode,
    checks: valid.checks,
    claims: valid.claims ?? null,
    certificate: valid.certificate ?? null,
    statusAsOf: valid.statusAsOf ?? null,
    checkedAt: valid.checkedAt,
    log: {
      state: 'included',
      index,
      treeSize: TREE_SIZE,
      entry: Buffer.from(entry).toString('base64'),
      proof,
      checkpoint,
      text: logInclusionText('included', index),
    },
  });
}

/**
 * The two bodies a verification answers with, exactly as the function sends them: the page (phones) and JSON.
 *
 * @example
 * const { page, json } = sampleBodies(); // Buffers, ~13.9 KB and ~2.6 KB
 */
export function sampleBodies(): { readonly page: Buffer; readonly json: Buffer } {
  const result = sampleResult();
  const body = (html: boolean) => Buffer.from(resultResponse(result, { html, baseUrl: BASE_URL }).body ?? '', 'utf8');
  return { page: body(true), json: body(false) };
}

/**
 * The codecs measured, at the levels a function compressing each answer on the fly would use.
 *
 * @example
 * CODECS['brotli-5'](sampleBodies().page).byteLength; // ≈ 3,700
 */
export const CODECS = {
  /** gzip at zlib's default level. */
  'gzip-6': (b: Buffer) => gzipSync(b, { level: 6 }),
  /** brotli at quality 5: the usual on-the-fly setting (quality 11, node's default, is for static assets). */
  'brotli-5': (b: Buffer) =>
    brotliCompressSync(b, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 5,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: b.byteLength,
      },
    }),
  /** brotli at its maximum quality, for comparison. */
  'brotli-11': (b: Buffer) =>
    brotliCompressSync(b, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: b.byteLength },
    }),
} as const;

/** One of {@link CODECS}. */
export type Codec = keyof typeof CODECS;

/** One body compressed: its size before and after, the ratio (after ÷ before) and the median time of `runs` runs. */
export interface Compressed {
  readonly bytes: number;
  readonly compressedBytes: number;
  readonly ratio: number;
  readonly medianMs: number;
}

/**
 * Compress `body` with `codec` `runs` times; the size is the same every run (the codecs are deterministic), the time
 * is the median.
 *
 * @example
 * compress(sampleBodies().page, 'brotli-5', 200).ratio; // ≈ 0.2
 */
export function compress(body: Buffer, codec: Codec, runs: number): Compressed {
  const times: number[] = [];
  let out = CODECS[codec](body);
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    out = CODECS[codec](body);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const medianMs = times.length === 0 ? 0 : (times[Math.floor(times.length / 2)] as number);
  return { bytes: body.byteLength, compressedBytes: out.byteLength, ratio: out.byteLength / body.byteLength, medianMs };
}
