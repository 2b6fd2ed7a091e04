/**
 * The testable part of `npm run verify-draw -- <plan URL | record file>` (`bin/verify-draw.ts` only wires it to the
 * process): read a published JSON document — a draw record itself, or a public plan document that embeds or links
 * its record — recompute the draw with the domain's `verifyDraw`, and say match or the first difference in one line.
 *
 * A plan document is the public plan JSON (`GET /v1/public/supervision/plans/{planId}`, `PublicSupervisionPlan`):
 * `{ id, …, commitment?: { enterpriseDigest, inspectorDigest, commitment }, entropy?: { value? }, draw?: { secret?,
 * seed? }, record?: DrawRecord, links: { self, record?: string } }` — the embedded `record` when present, else
 * `GET links.record`, resolved against the plan's URL (a relative link in a plan read from a file cannot be resolved:
 * the user is told to give the URL). What the plan published — at freezing (both digests and the commitment) and at
 * the draw (entropy value, secret, seed) — the record must carry too (`docs/supervision-draw.md` §8: a verifier
 * compares them), and the record must be the plan's own (`id`).
 *
 * Exit codes: 0 match, 1 mismatch, 2 usage, read, fetch or parse error (a message, never a stack trace).
 */
import { z } from 'zod';
import { parseDrawRecord } from '../lambdas/contracts/supervision-record';
import { isErrorCode } from '../lambdas/domain/error-catalogue';
import { isPermitError } from '../lambdas/domain/errors';
import { DRAW_RECORD_FORMAT, type DrawRecord } from '../lambdas/domain/supervision/draw';
import { type DrawDifference, verifyDraw } from '../lambdas/domain/supervision/verify-draw';

/**
 * The largest document read from a file or the network: a record of 100,000 enterprises is about 20 MB.
 *
 * @example
 * if ((await stat(path)).size > MAX_DOCUMENT_BYTES) throw new Error('not a draw record');
 */
export const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

/**
 * What the command says when its arguments are wrong.
 *
 * @example
 * console.error(USAGE);
 */
export const USAGE = 'usage: npm run verify-draw -- <plan URL | record or plan file>';

/**
 * A reason to stop before any verdict (bad arguments, a file or URL that cannot be read, JSON that is not a record or a
 * plan, a plan not drawn yet): exit code 2 and the message alone.
 *
 * @example
 * throw new DrawDocumentError('plan PLAN-1 is not drawn yet: it publishes no record');
 */
export class DrawDocumentError extends Error {
  override readonly name = 'DrawDocumentError';
}

/**
 * GET a URL's JSON: the parsed body and the URL that answered (after redirects, for resolving relative links).
 *
 * @example
 * const { json, url } = await fetchJson(new URL('https://permit.example/v1/supervision/plans/PLAN-1'));
 */
export type FetchJson = (url: URL) => Promise<{ readonly json: unknown; readonly url: URL }>;

/**
 * The verdict on a document: match or the first difference, with the record that was checked and where it came from.
 *
 * @example
 * const verdict = await verifyDrawDocument(json, { fetchJson }); // { match: true, record, source: 'embedded' }
 */
export type DrawDocumentVerdict = { readonly record: DrawRecord; readonly source: string } & (
  | { readonly match: true }
  | { readonly match: false; readonly difference: DrawDifference }
);

/** What a plan document must have for the verifier; everything else on it is the plan's own business. */
const hex = z.string().max(200);
const PlanDocument = z.looseObject({
  id: z.string().min(1).max(200),
  record: z.unknown().optional(),
  commitment: z.looseObject({ enterpriseDigest: hex, inspectorDigest: hex, commitment: hex }).optional(),
  entropy: z.looseObject({ value: z.string().max(200).optional() }).optional(),
  draw: z.looseObject({ secret: hex.optional(), seed: hex.optional() }).optional(),
  links: z.looseObject({ self: z.string().optional(), record: z.string().min(1).max(2048).optional() }),
});
type PlanDocument = z.output<typeof PlanDocument>;

const isObject = (json: unknown): json is Record<string, unknown> =>
  typeof json === 'object' && json !== null && !Array.isArray(json);

/** The record, or the first issues of a malformed one, as one message. */
function recordFrom(json: unknown, where: string): DrawRecord {
  try {
    return parseDrawRecord(json);
  } catch (error) {
    if (!isPermitError(error)) throw error;
    const issues = error.details.issues ?? [];
    const shown = issues
      .slice(0, 3)
      .map((i) => `${i.field}: ${i.message}`)
      .join('; ');
    const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
    throw new DrawDocumentError(`${where} is not a valid draw record — ${shown}${more}`);
  }
}

/**
 * Verify a fetched or read document: a draw record (`format: 'permit-supervision-draw/1'`) or a plan document.
 * `base` is the URL the document came from (absent for a file): a plan's relative `links.record` resolves against it.
 * Throws {@link DrawDocumentError} for anything that is neither, a plan not drawn yet, or a record that cannot be had.
 *
 * @example
 * const verdict = await verifyDrawDocument(JSON.parse(text), { fetchJson: fetchJsonOverHttp, base: planUrl });
 * console.log(describeVerdict(verdict));
 */
export async function verifyDrawDocument(
  json: unknown,
  options: { readonly fetchJson: FetchJson; readonly base?: URL },
): Promise<DrawDocumentVerdict> {
  if (isObject(json) && 'format' in json) {
    const record = recordFrom(json, 'the document');
    return { record, source: 'the document', ...verifyDraw(record) };
  }
  const plan = PlanDocument.safeParse(json);
  if (!plan.success) {
    throw new DrawDocumentError(
      `the document is neither a draw record (format "${DRAW_RECORD_FORMAT}") nor a plan document ({ id, links })`,
    );
  }
  const { record, source } = await planRecord(plan.data, options);
  const verdict = verifyDraw(record);
  if (!verdict.match) return { record, source, ...verdict };
  const difference = planDifference(plan.data, record);
  return difference ? { record, source, match: false, difference } : { record, source, match: true };
}

async function planRecord(
  plan: PlanDocument,
  options: { readonly fetchJson: FetchJson; readonly base?: URL },
): Promise<{ record: DrawRecord; source: string }> {
  if (plan.record !== undefined && plan.record !== null) {
    return { record: recordFrom(plan.record, `the record embedded in plan ${plan.id}`), source: 'embedded' };
  }
  const link = plan.links.record;
  if (!link) throw new DrawDocumentError(`plan ${plan.id} is not drawn yet: it publishes no draw record`);
  let url: URL;
  try {
    url = new URL(link, options.base);
  } catch {
    throw new DrawDocumentError(
      options.base
        ? `plan ${plan.id} links its record as "${link}", which is not a URL`
        : `plan ${plan.id} links its record relatively ("${link}"), which a file cannot resolve: ` +
            'give the plan’s URL instead',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new DrawDocumentError(`plan ${plan.id} links its record at ${url.href}: only http(s) is fetched`);
  }
  const { json } = await options.fetchJson(url);
  return { record: recordFrom(json, `the record at ${url.href}`), source: url.href };
}

/** The record must be the plan's own and carry what the plan published at freezing and at the draw. */
function planDifference(plan: PlanDocument, record: DrawRecord): DrawDifference | undefined {
  if (plan.id !== record.planId) return { field: 'planId', expected: plan.id, actual: record.planId };
  const published: readonly [string, string | undefined, string][] = [
    ['enterpriseDigest', plan.commitment?.enterpriseDigest, record.enterpriseDigest],
    ['inspectorDigest', plan.commitment?.inspectorDigest, record.inspectorDigest],
    ['commitment', plan.commitment?.commitment, record.commitment],
    ['entropy', plan.entropy?.value, record.entropy.value],
    ['secret', plan.draw?.secret, record.secret],
    ['seed', plan.draw?.seed, record.seed],
  ];
  for (const [field, shown, actual] of published) {
    if (shown !== undefined && shown.toLowerCase() !== actual.toLowerCase()) {
      return { field: `plan.${field}`, expected: shown, actual };
    }
  }
  return undefined;
}

const WHAT: Readonly<Record<string, string>> = {
  format: 'record format',
  planId: 'plan id: the record is another plan’s',
  enterpriseDigest: 'enterprise list digest: the list is not the one published (a candidate added, removed or changed)',
  inspectorDigest: 'inspector list digest: the list is not the one published (an inspector added, removed or changed)',
  commitment: 'commitment: the revealed secret does not hash to the published commitment',
  'entropy.value': 'entropy value',
  secret: 'secret',
  seed: 'seed, recomputed from the secret, entropy, plan id and list digests',
  sampleSize: 'sample size',
  shortfall: 'shortfall',
  'plan.enterpriseDigest': 'enterprise list digest published by the plan at freezing',
  'plan.inspectorDigest': 'inspector list digest published by the plan at freezing',
  'plan.commitment': 'commitment published by the plan at freezing',
  'plan.entropy': 'entropy value the plan published at the draw',
  'plan.secret': 'secret the plan revealed at the draw',
  'plan.seed': 'seed the plan published at the draw',
};

/** What and where a difference is, for people. */
function whatDiffers(field: string, record: DrawRecord): string {
  const known = WHAT[field];
  if (known) return `${known} (${field})`;
  const list = /^(enterprises|inspectors)\.(\d+)$/.exec(field);
  if (list) return `${list[1]} entry ${list[2]}: the list is not in canonical form and order (${field})`;
  const step = /^steps\.(\d+)(?:\.(\w+))?$/.exec(field);
  if (step) {
    const index = Number(step[1]);
    const at = record.steps[index];
    const where = at ? `step ${index} (enterprise ${at.uscc})` : `step ${index}`;
    return step[2] ? `${where}: ${step[2]} (${field})` : `${where} (${field})`;
  }
  return field;
}

/** A value in a message: text as is, lists in brackets, nothing as "nothing", all within reason. */
function shown(value: unknown): string {
  const text =
    value === undefined
      ? 'nothing'
      : typeof value === 'string'
        ? value
        : Array.isArray(value) && value.every((v) => typeof v === 'string')
          ? `[${value.join(', ')}]`
          : JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

/**
 * One line for a verdict: `match — plan …: 30 checks drawn from 500 enterprises, 20 inspectors; seed …` or
 * `MISMATCH — plan …: <what differs, where>: expected …, found …`.
 *
 * @example
 * describeVerdict(await verifyDrawDocument(json, { fetchJson })); // 'match — plan PLAN-1: 30 checks drawn …'
 */
export function describeVerdict(verdict: DrawDocumentVerdict): string {
  const { record } = verdict;
  if (verdict.match) {
    const drawn = record.steps.filter((s) => s.outcome === 'drawn').length;
    const skipped = record.steps.length - drawn;
    const extras = [
      ...(skipped > 0 ? [`${skipped} skipped`] : []),
      ...(record.shortfall > 0 ? [`${record.shortfall} short of the sample`] : []),
    ];
    return (
      `match — plan ${record.planId}: ${drawn} checks drawn from ${record.enterprises.length} enterprises, ` +
      `${record.inspectors.length} inspectors${extras.map((e) => `, ${e}`).join('')}; seed ${record.seed}`
    );
  }
  const { field, expected, actual } = verdict.difference;
  // verifyDraw reports a value the draw refuses as the refusal's code and message.
  const comparison = isErrorCode(expected)
    ? `refused (${expected}): ${shown(actual)}`
    : `expected ${shown(expected)}, found ${shown(actual)}`;
  return `MISMATCH — plan ${record.planId}: ${whatDiffers(field, record)}: ${comparison}`;
}

/**
 * Where {@link runVerifyDraw} reads and writes; the command passes the real ones, tests their own.
 *
 * @example
 * const io: VerifyDrawIo = { fetchJson: fetchJsonOverHttp, readText: (p) => readFile(p, 'utf8'), out: console.log,
 *   err: console.error };
 */
export interface VerifyDrawIo {
  readonly fetchJson: FetchJson;
  /** A file's text (throws as `fs.readFile` does). */
  readonly readText: (path: string) => Promise<string>;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DrawDocumentError(`${where} is not JSON: ${(error as Error).message}`);
  }
}

/** The document an argument names: an http(s) URL (fetched) or a file path (read). */
async function loadDocument(target: string, io: VerifyDrawIo): Promise<{ json: unknown; base?: URL }> {
  if (/^https?:\/\//i.test(target)) {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      throw new DrawDocumentError(`${target} is not a valid URL`);
    }
    const fetched = await io.fetchJson(url);
    return { json: fetched.json, base: fetched.url };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
    throw new DrawDocumentError(`${target}: only http(s) URLs and files are read`);
  }
  let text: string;
  try {
    text = await io.readText(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : (error as Error).message;
    throw new DrawDocumentError(`cannot read ${target}: ${reason}`);
  }
  if (text.length > MAX_DOCUMENT_BYTES) throw new DrawDocumentError(`${target} is larger than 64 MiB: not a record`);
  return { json: parseJson(text, target) };
}

/**
 * The whole command: arguments in, one line out, the exit code back (0 match, 1 mismatch, 2 anything that stopped
 * before a verdict). Never throws.
 *
 * @example
 * process.exitCode = await runVerifyDraw(process.argv.slice(2), { fetchJson: fetchJsonOverHttp, readText, out, err });
 */
export async function runVerifyDraw(argv: readonly string[], io: VerifyDrawIo): Promise<number> {
  const positional = argv.filter((a) => a !== '--');
  if (positional.length !== 1 || positional[0]?.startsWith('-')) {
    io.err(USAGE);
    return 2;
  }
  const target = positional[0] as string;
  try {
    const { json, base } = await loadDocument(target, io);
    const verdict = await verifyDrawDocument(json, { fetchJson: io.fetchJson, ...(base ? { base } : {}) });
    io.out(describeVerdict(verdict));
    return verdict.match ? 0 : 1;
  } catch (error) {
    io.err(
      error instanceof DrawDocumentError
        ? error.message
        : `verify-draw could not complete: ${(error as Error)?.message ?? String(error)}`,
    );
    return 2;
  }
}

/**
 * The real {@link FetchJson}: GET with `Accept: application/json`, following redirects, at most
 * {@link MAX_DOCUMENT_BYTES}, within 30 s; a non-2xx answer or a body that is not JSON is a {@link DrawDocumentError}.
 *
 * @example
 * const { json } = await fetchJsonOverHttp(new URL('http://127.0.0.1:3000/v1/supervision/plans/PLAN-1'));
 */
export const fetchJsonOverHttp: FetchJson = async (url) => {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new DrawDocumentError(`GET ${url.href} failed: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new DrawDocumentError(`GET ${url.href} answered ${response.status} ${response.statusText}`.trimEnd());
  }
  const text = await readCapped(response, url);
  return { json: parseJson(text, `the answer of GET ${url.href}`), url: new URL(response.url || url.href) };
};

/** The body as text, refusing (and cancelling) one larger than {@link MAX_DOCUMENT_BYTES} as it arrives. */
async function readCapped(response: Response, url: URL): Promise<string> {
  const tooLarge = () => new DrawDocumentError(`GET ${url.href}: the answer is larger than 64 MiB`);
  if (Number(response.headers.get('content-length') ?? 0) > MAX_DOCUMENT_BYTES) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_DOCUMENT_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
