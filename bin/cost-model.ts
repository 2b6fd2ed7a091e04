/**
 * The cost model behind `npm run cost` (`bin/cost.ts` only reads files and prints; docs/cost.md explains the model):
 * dated price lists (`cost/prices/<region>.json`, each price with its source address, the date it was read and
 * whether it could be verified from here), the bench's measured figures (`cost/measured.json`, or fresh bench output
 * from `.permit/bench/`), and a few stated assumptions give the cost of **1 million verifications** and of **10,000
 * issuances** per region, term by term, with the dominant term named — and two design changes: the answers compressed
 * in the function (from ratios measured on the real bodies, `bin/cost-bodies.ts`) and the answers cached at the edge
 * for one second (from a hit rate measured by replaying a request stream). The verify function's in-memory caches
 * (status cache, versions, the transparency log's head, locations and tiles) are replayed the same way at the modelled
 * rate, so the register reads follow the rate rather than the bench's.
 *
 * Pure: no file, process or network access.
 */
import { partialTilesOf, tilesNeeded } from '../lambdas/domain/transparency/tile-proofs';

/** The prices the model uses, one key each; a price list must carry every one of them. */
export const PRICE_KEYS = [
  'lambdaRequest',
  'lambdaArmGbSecond',
  'httpApiRequest',
  'dynamoReadUnit',
  'dynamoWriteUnit',
  'dynamoStorageGbMonth',
  's3Put',
  's3Get',
  's3StorageGbMonth',
  'sqsRequest',
  'kmsKeyMonth',
  'kmsAsymmetricSign',
  'dataTransferOutGb',
  'logsIngestionGb',
  'cloudfrontHttpsRequest',
  'cloudfrontTransferOutGb',
] as const;

/** One of {@link PRICE_KEYS}. */
export type PriceKey = (typeof PRICE_KEYS)[number];

/** One price: `price` in the list's currency for `per` units of `unit`, read at `source` on `date`. */
export interface PriceEntry {
  readonly price: number;
  readonly per: number;
  readonly unit: string;
  /** The address the price was read from (or should be checked against). */
  readonly source: string;
  /** When it was read, `YYYY-MM-DD`. */
  readonly date: string;
  /** False where it could not be checked from here: a best known figure. */
  readonly verified: boolean;
  readonly note?: string;
}

/** A region's price list (`cost/prices/<region>.json`). */
export interface PriceList {
  readonly region: string;
  readonly name: string;
  readonly currency: 'CNY' | 'USD';
  readonly note?: string;
  readonly prices: Readonly<Record<PriceKey, PriceEntry>>;
}

/**
 * A price list or measured-figures file that cannot be used, with the file and the field in its message.
 *
 * @example
 * try { parsePriceList(json, 'cost/prices/x.json'); } catch (e) { if (e instanceof CostInputError) console.error(e.message); }
 */
export class CostInputError extends Error {
  override readonly name = 'CostInputError';
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Check a parsed price-list file: every price of {@link PRICE_KEYS} present, each with a positive number, a source
 * address (`https://…`), a `YYYY-MM-DD` date and a `verified` flag (an unverified price needs a note saying why).
 * Throws {@link CostInputError} naming the file and the price.
 *
 * @example
 * const list = parsePriceList(JSON.parse(readFileSync(file, 'utf8')), file);
 */
export function parsePriceList(json: unknown, file: string): PriceList {
  const fail = (what: string): never => {
    throw new CostInputError(`${file}: ${what}`);
  };
  if (!isRecord(json)) return fail('not a JSON object');
  if (typeof json.region !== 'string' || json.region === '') fail('no "region"');
  if (typeof json.name !== 'string') fail('no "name"');
  if (json.currency !== 'CNY' && json.currency !== 'USD') fail('"currency" must be "CNY" or "USD"');
  if (!isRecord(json.prices)) return fail('no "prices" object');
  const prices = json.prices;
  for (const key of PRICE_KEYS) {
    const entry = prices[key];
    if (!isRecord(entry)) fail(`price "${key}" is missing`);
    const e = entry as Record<string, unknown>;
    if (typeof e.price !== 'number' || !(e.price >= 0)) fail(`price "${key}" has no "price" (a number ≥ 0)`);
    if (typeof e.per !== 'number' || !(e.per > 0)) fail(`price "${key}" has no "per" (a number > 0)`);
    if (typeof e.unit !== 'string' || e.unit === '') fail(`price "${key}" has no "unit"`);
    if (typeof e.source !== 'string' || !/^https?:\/\/\S+$/.test(e.source)) {
      fail(`price "${key}" has no "source" (the address it was read from): a price without a source is refused`);
    }
    if (typeof e.date !== 'string' || !DATE.test(e.date)) {
      fail(`price "${key}" has no "date" (YYYY-MM-DD, when it was read): a price without a date is refused`);
    }
    if (typeof e.verified !== 'boolean') fail(`price "${key}" has no "verified" flag (true or false)`);
    if (e.verified === false && (typeof e.note !== 'string' || e.note === '')) {
      fail(`price "${key}" is unverified but has no "note" saying why`);
    }
  }
  const unknown = Object.keys(prices).filter((k) => !(PRICE_KEYS as readonly string[]).includes(k));
  if (unknown.length > 0) fail(`unknown price(s): ${unknown.join(', ')}`);
  return json as unknown as PriceList;
}

/** The bench figures the model uses, one key each. */
export const FIGURE_KEYS = [
  'verifyCpuMsPerRequest',
  'verifyRegisterReadItemsPerRequest',
  'verifyStatusCacheHitRate',
  'verifyJsonBytes',
  'verifyPageBytes',
  'verifyColdLoadMs',
  'verifyRequestsPerSecond',
  'verifyCertificates',
  'issueHandlerMs',
  'issueSignCalls',
  'issueReadItems',
  'issueWriteItems',
  'issueTransactItems',
  'issueS3Puts',
  'issueSqsCalls',
  'issueSqsMessages',
] as const;

/** One of {@link FIGURE_KEYS}. */
export type FigureKey = (typeof FIGURE_KEYS)[number];

/** A measured figure and the bench row it came from (`<module>: <metric>`). */
export interface Figure {
  readonly value: number;
  readonly unit: string;
  readonly from: string;
}

/** One body through one codec: its compressed size, the ratio (compressed ÷ original) and the median time. */
export interface CompressedBody {
  readonly compressedBytes: number;
  readonly ratio: number;
  readonly medianMs: number;
}

/**
 * The codecs `npm run cost:compression` measures (`bin/cost-bodies.ts`).
 *
 * @example
 * for (const codec of COMPRESSION_CODECS) console.log(measured.compression?.codecs[codec].page.ratio);
 */
export const COMPRESSION_CODECS = ['gzip-6', 'brotli-5', 'brotli-11'] as const;

/**
 * The compression measured on the real answers (`npm run cost:compression`, cost/measured.json's `compression`).
 *
 * @example
 * measured.compression?.codecs['brotli-5'].page.ratio; // ≈ 0.27
 */
export interface CompressionFigures {
  readonly measuredAt: string;
  readonly commit: string;
  /** How they were measured: the bodies' source, the library, the runs. */
  readonly from: string;
  /** The sample bodies' sizes (bytes). */
  readonly bodies: { readonly page: number; readonly json: number };
  readonly codecs: Readonly<
    Record<(typeof COMPRESSION_CODECS)[number], { readonly page: CompressedBody; readonly json: CompressedBody }>
  >;
}

/** The measured inputs (`cost/measured.json`): when and at which commit, and each figure. */
export interface Measured {
  readonly measuredAt: string;
  readonly commit: string;
  readonly note?: string;
  readonly figures: Readonly<Record<FigureKey, Figure>>;
  /** Measured apart from the bench (`npm run cost:compression`); without it the compression change is not priced. */
  readonly compression?: CompressionFigures;
}

/**
 * Check a parsed measured-figures file: a date, a commit and every figure of {@link FIGURE_KEYS} with a number and
 * the bench row it came from. Throws {@link CostInputError}.
 *
 * @example
 * const measured = parseMeasured(JSON.parse(readFileSync('cost/measured.json', 'utf8')), 'cost/measured.json');
 */
export function parseMeasured(json: unknown, file: string): Measured {
  const fail = (what: string): never => {
    throw new CostInputError(`${file}: ${what}`);
  };
  if (!isRecord(json)) return fail('not a JSON object');
  if (typeof json.measuredAt !== 'string' || json.measuredAt === '') fail('no "measuredAt"');
  if (typeof json.commit !== 'string' || json.commit === '') fail('no "commit"');
  if (!isRecord(json.figures)) return fail('no "figures" object');
  for (const key of FIGURE_KEYS) {
    const f = json.figures[key];
    if (!isRecord(f) || typeof f.value !== 'number' || !Number.isFinite(f.value) || f.value < 0) {
      fail(`figure "${key}" is missing or not a number ≥ 0`);
    }
    if (typeof (f as Record<string, unknown>).from !== 'string')
      fail(`figure "${key}" does not say which bench row it came from`);
  }
  if (json.compression !== undefined) {
    const c = json.compression;
    if (!isRecord(c) || typeof c.from !== 'string' || typeof c.measuredAt !== 'string' || !isRecord(c.codecs)) {
      return fail('"compression" needs "measuredAt", "from" (how it was measured) and "codecs"');
    }
    for (const codec of COMPRESSION_CODECS) {
      for (const body of ['page', 'json'] as const) {
        const m = (c.codecs as Record<string, unknown>)[codec];
        const b = isRecord(m) ? m[body] : undefined;
        if (
          !isRecord(b) ||
          !(typeof b.ratio === 'number' && b.ratio > 0) ||
          !(typeof b.medianMs === 'number' && b.medianMs >= 0)
        ) {
          fail(`compression "${codec}" has no ${body} "ratio" (> 0) and "medianMs" (≥ 0)`);
        }
      }
    }
  }
  return json as unknown as Measured;
}

/** One bench row as `.permit/bench/<module>.json` holds it (`bench/harness.ts`'s `BenchRow`). */
export interface BenchRowJson {
  readonly metric: string;
  readonly value: number | string;
  readonly unit?: string;
}

/** A bench module's JSON output (`bench/index.ts` writes it). */
export interface BenchFile {
  readonly module: string;
  readonly measuredAt: string;
  readonly commit: string;
  readonly rows: readonly BenchRowJson[];
}

/**
 * The figures from fresh bench output (the `verification` and `issuance` modules' JSON), each with the row it came
 * from. Throws {@link CostInputError} naming a row that is missing.
 *
 * @example
 * const measured = measuredFromBench(verificationJson, issuanceJson);
 */
export function measuredFromBench(verification: BenchFile, issuance: BenchFile): Measured {
  const row = (file: BenchFile, prefix: string): BenchRowJson => {
    const found = file.rows.find((r) => r.metric.trim().startsWith(prefix));
    if (!found) throw new CostInputError(`bench ${file.module}: no row "${prefix}…" (run a newer bench)`);
    return found;
  };
  const first = (r: BenchRowJson) => Number.parseFloat(String(r.value));
  const items = (r: BenchRowJson) => Number.parseFloat(/\(([\d.]+) items\)/.exec(r.unit ?? '')?.[1] ?? 'NaN');
  const sdk = (file: BenchFile, prefix: string, commands: readonly string[], of: 'calls' | 'items') =>
    file.rows
      .filter((r) => r.metric.startsWith(prefix) && commands.some((c) => r.metric.endsWith(c)))
      .reduce((n, r) => n + (of === 'calls' ? first(r) : items(r)), 0);
  const fig = (value: number, unit: string, from: string): Figure => ({ value, unit, from });
  const v = (prefix: string) => `verification: ${row(verification, prefix).metric.trim()}`;
  const i = (prefix: string) => `issuance: ${row(issuance, prefix).metric.trim()}`;
  const cpu = row(verification, 'CPU per page request');
  const hit = row(verification, 'status cache hit rate');
  const json = row(verification, 'response body, JSON');
  const pageBody = row(verification, 'response body, page (HTML)');
  const load = row(verification, 'bundle module load');
  const rate = row(verification, 'gateway, page (HTML)');
  const certs = row(verification, 'certificates issued');
  const oneAtATime = row(issuance, 'one at a time p50 / p99');
  const signs = row(issuance, 'per issuance');
  // "misses + refreshes in batches": every item the status cache read from the register during the page run.
  const [misses, refreshes] = String(row(verification, 'register reads over the gateway runs').value)
    .split(' in ')[0]
    ?.split('+')
    .map((n) => Number.parseFloat(n)) ?? [Number.NaN, Number.NaN];
  const registerReads = (misses ?? Number.NaN) + (refreshes ?? Number.NaN);
  // The reads span every gateway run, the page's and the JSON's.
  const gatewayRequests =
    first(row(verification, 'gateway page requests')) + first(row(verification, 'gateway JSON requests'));
  const perIssue = row(issuance, 'per issuance').metric.replace(/signer sign calls$/, 'SDK ');
  const reads = ['GetItem', 'BatchGetItem', 'Query'];
  const writes = ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'];
  return {
    measuredAt: [issuance.measuredAt, verification.measuredAt].sort().at(-1) as string,
    commit: issuance.commit === verification.commit ? issuance.commit : `${verification.commit} / ${issuance.commit}`,
    figures: {
      verifyCpuMsPerRequest: fig(first(cpu), 'ms', v('CPU per page request')),
      verifyRegisterReadItemsPerRequest: fig(
        registerReads / Math.max(1, gatewayRequests),
        'items read per request',
        `${v('register reads over the gateway runs')} ÷ (${v('gateway page requests')} + ${v('gateway JSON requests')})`,
      ),
      verifyStatusCacheHitRate: fig(first(hit) / 100, 'fraction', v('status cache hit rate')),
      verifyJsonBytes: fig(first(json), 'bytes', v('response body, JSON')),
      verifyPageBytes: fig(first(pageBody), 'bytes', v('response body, page (HTML)')),
      verifyColdLoadMs: fig(first(load), 'ms', v('bundle module load')),
      verifyRequestsPerSecond: fig(first(rate), 'req/s', v('gateway, page (HTML)')),
      verifyCertificates: fig(first(certs), 'certificates', v('certificates issued')),
      issueHandlerMs: fig(first(oneAtATime), 'ms (p50)', i('one at a time p50 / p99')),
      issueSignCalls: fig(first(signs), 'calls', i('per issuance')),
      issueReadItems: fig(sdk(issuance, perIssue, reads, 'items'), 'items', `issuance: ${perIssue}DynamoDB:{${reads}}`),
      issueWriteItems: fig(
        sdk(issuance, perIssue, writes, 'items'),
        'items',
        `issuance: ${perIssue}DynamoDB:{${writes}}`,
      ),
      issueTransactItems: fig(
        sdk(issuance, perIssue, ['TransactWriteItems'], 'items'),
        'items',
        `issuance: ${perIssue}DynamoDB:TransactWriteItems (items)`,
      ),
      issueS3Puts: fig(
        sdk(issuance, perIssue, ['S3:PutObject'], 'calls'),
        'calls',
        `issuance: ${perIssue}S3:PutObject`,
      ),
      issueSqsCalls: fig(
        sdk(issuance, perIssue, ['SQS:SendMessage', 'SQS:SendMessageBatch'], 'calls'),
        'calls',
        `issuance: ${perIssue}SQS:{SendMessage,SendMessageBatch}`,
      ),
      issueSqsMessages: fig(
        sdk(issuance, perIssue, ['SQS:SendMessage', 'SQS:SendMessageBatch'], 'items'),
        'messages',
        `issuance: ${perIssue}SQS:{SendMessage,SendMessageBatch} (items)`,
      ),
    },
  };
}

/** Lambda memory (MB) of the functions the model bills, from `lambdas/functions.ts`. */
export interface Memory {
  readonly verify: number;
  readonly issue: number;
  /** The queue workers' (dispatch worker, log sequencer): the default in lib/constructs/permit-function.ts. */
  readonly worker: number;
}

/**
 * What the model assumes rather than measures (printed with every run; docs/cost.md explains each).
 *
 * @example
 * costOf(prices, measured, memory, { ...DEFAULT_ASSUMPTIONS, coldStartShare: 0.05 });
 */
export interface Assumptions {
  /** Share of invocations that are cold starts (billed their module-load time on top). */
  readonly coldStartShare: number;
  /** A DynamoDB round trip in the cloud, added to a verification that waits for a register read. */
  readonly dynamoRoundTripMs: number;
  /** Response headers and TLS framing per answer, on top of the measured body. */
  readonly headerBytes: number;
  /** CloudWatch Logs bytes per invocation (the START/END/REPORT platform lines plus one structured line). */
  readonly logBytesPerInvocation: number;
  /** Log bytes per issuance (the issue function writes a few structured lines more). */
  readonly logBytesPerIssuance: number;
  /** The size of one certificate PDF in S3 (docs: 23–45 KB). */
  readonly pdfBytes: number;
  /** DynamoDB bytes an issuance adds (versions, heads, audit, outbox, log entry). */
  readonly tableBytesPerIssuance: number;
  /** SQS requests per message besides its send: the receive and the delete. */
  readonly sqsRequestsPerMessageAfterSend: number;
  /** Per issuance, the downstream workers' work, counted from the code (not measured): see docs/cost.md. */
  readonly downstream: {
    readonly invocations: number;
    readonly billedMs: number;
    readonly writeUnits: number;
    readonly readUnits: number;
    readonly kmsSigns: number;
    readonly s3Puts: number;
  };
  /** Keys billed per month: the certificate key and the log key. */
  readonly kmsKeys: number;
  /** The edge cache's lifetime for the modelled change. */
  readonly edgeTtlSeconds: number;
  /** Zipf exponent of certificate popularity in the replay (0: uniform). */
  readonly zipfExponent: number;
  /** Share of verifications answered with the HTML page (a phone scanning the QR); the rest get JSON (platforms). */
  readonly pageShare: number;
  /**
   * How long one warm verify instance keeps its never-expiring caches (versions, log locations, full tiles) before
   * Lambda recycles it: not documented by AWS, a rough figure. At the modelled rate one instance serves every request.
   */
  readonly instanceLifetimeSeconds: number;
  /** Entries in the transparency log (sets the tiles a proof reads): one year of the modelled issuances. */
  readonly logTreeSize: number;
  /** Seconds between new checkpoints (each re-reads the right-edge partial tiles): a month ÷ 10,000 issuances. */
  readonly checkpointIntervalSeconds: number;
  /** A DynamoDB item's key and attribute bytes beside its payload (for read units of tiles). */
  readonly itemOverheadBytes: number;
  /** The codec of the compression change (measured by `npm run cost:compression`). */
  readonly compressionCodec: (typeof COMPRESSION_CODECS)[number];
  /** Headers a compressed answer adds (`content-encoding`, `vary: Accept-Encoding`). */
  readonly encodingHeaderBytes: number;
}

/** The model's defaults (docs/cost.md, "Assumptions"). */
export const DEFAULT_ASSUMPTIONS: Assumptions = {
  coldStartShare: 0.01,
  dynamoRoundTripMs: 5,
  headerBytes: 400,
  logBytesPerInvocation: 600,
  logBytesPerIssuance: 2000,
  pdfBytes: 40_000,
  tableBytesPerIssuance: 8_000,
  sqsRequestsPerMessageAfterSend: 2,
  // Dispatch worker (one waybill: the carrier call and 2 writes) and log sequencer (its share of a checkpoint: the
  // entry integrated, the checkpoint signed and written), each message in a batch of its own — no batching assumed.
  downstream: { invocations: 2, billedMs: 300, writeUnits: 6, readUnits: 4, kmsSigns: 1, s3Puts: 2 },
  kmsKeys: 2,
  edgeTtlSeconds: 1,
  zipfExponent: 1,
  pageShare: 0.9,
  instanceLifetimeSeconds: 2 * 3600,
  logTreeSize: 120_000,
  checkpointIntervalSeconds: (30 * 24 * 3600) / 10_000,
  itemOverheadBytes: 100,
  compressionCodec: 'brotli-5',
  encodingHeaderBytes: 50,
};

/**
 * Copied from `lambdas/adapters/status-cache.ts` (`STATUS_CACHE_TTL_MS`): tools may not import adapters (the
 * architecture rule "tools-use-composition"); test/unit/bin/cost-model.test.ts asserts the two are equal.
 */
const STATUS_CACHE_TTL_MS = 4000;
/** Copied from `lambdas/adapters/log-reader-cache.ts` (`LOG_HEAD_TTL_MS`), tested equal likewise. */
const LOG_HEAD_TTL_MS = 2000;

/**
 * The status cache's settings, from `lambdas/adapters/status-cache.ts`: its TTL, and the refresh-ahead point its
 * constructor computes (¾ of the TTL, spread over the ¼ before it per licence).
 *
 * @example
 * STATUS_CACHE.ttlSeconds; // 4
 */
export const STATUS_CACHE = {
  ttlSeconds: STATUS_CACHE_TTL_MS / 1000,
  refreshAfterSeconds: (STATUS_CACHE_TTL_MS * 3) / 4 / 1000,
  refreshSpreadSeconds: STATUS_CACHE_TTL_MS / 4 / 1000,
} as const;

/**
 * The transparency log head's lifetime in the verify function (`lambdas/adapters/log-reader-cache.ts`).
 *
 * @example
 * LOG_HEAD_TTL_SECONDS; // 2
 */
export const LOG_HEAD_TTL_SECONDS = LOG_HEAD_TTL_MS / 1000;

/** One line of a cost: what, how much of it, and its cost in the list's currency. */
export interface CostTerm {
  readonly name: string;
  readonly quantity: number;
  readonly unit: string;
  readonly price: PriceKey;
  readonly cost: number;
  /** Where the quantity comes from. */
  readonly basis: 'measured' | 'counted from code' | 'assumed';
}

/** A priced workload: its terms, their total and the dominant term. */
export interface WorkloadCost {
  readonly workload: string;
  readonly operations: number;
  readonly terms: readonly CostTerm[];
  readonly total: number;
  readonly dominant: CostTerm;
}

const GB = 1024 ** 3;

/** A term's cost: `quantity` units at the list's price for its key. */
function term(
  prices: PriceList,
  name: string,
  quantity: number,
  unit: string,
  price: PriceKey,
  basis: CostTerm['basis'],
): CostTerm {
  const p = prices.prices[price];
  return { name, quantity, unit, price, cost: (quantity * p.price) / p.per, basis };
}

function workload(name: string, operations: number, terms: CostTerm[]): WorkloadCost {
  const kept = terms.filter((t) => t.quantity > 0);
  const total = kept.reduce((n, t) => n + t.cost, 0);
  const dominant = kept.reduce((a, b) => (b.cost > a.cost ? b : a));
  return { workload: name, operations, terms: kept, total, dominant };
}

/**
 * What the verify function reads from DynamoDB per verification at a request rate, its caches replayed at that rate
 * ({@link replayTtlCache}, one warm instance) — counted from `lambdas/use-cases/verify-certificate.ts`, the status
 * cache and `lambdas/adapters/log-reader-cache.ts`:
 * - certificate head: a strongly consistent GetItem (1 RRU, < 4 KB) on a status-cache miss, and a BatchGetItem share
 *   (1 RRU per head) for each refresh ahead;
 * - issued version: a strongly consistent GetItem (1 RRU) the first time the instance sees the version (kept for
 *   its life);
 * - log head: a strongly consistent GetItem (1 RRU) once per {@link LOG_HEAD_TTL_SECONDS};
 * - the entry's location: an eventually consistent GetItem (0.5 RRU), once per instance life;
 * - the inclusion proof's tiles (strongly consistent BatchGetItem): the full tiles once per instance life (the level-0
 *   tile per certificate; higher full tiles are shared by all and neglected), the right-edge partial tiles again after
 *   every new checkpoint.
 */
export interface RegisterReads {
  readonly perSecond: number;
  /** The status cache's hit rate (head answered from memory) at this rate. */
  readonly statusHitRate: number;
  /** Share of verifications that waited for a register read (a head miss): billed a DynamoDB round trip. */
  readonly waitedShare: number;
  readonly versionHitRate: number;
  readonly logHeadHitRate: number;
  /** Read units per verification, by what is read. */
  readonly units: {
    readonly head: number;
    readonly version: number;
    readonly logHead: number;
    readonly locate: number;
    readonly tiles: number;
  };
  /** Their sum. */
  readonly perVerification: number;
}

/** Read units of a strongly consistent read of an item of `bytes` (4 KB units, rounded up). */
const readUnits = (bytes: number) => Math.max(1, Math.ceil(bytes / 4096));

/**
 * The register reads per verification at `perSecond` ({@link RegisterReads}).
 *
 * @example
 * registerReadsAt(measured, DEFAULT_ASSUMPTIONS, 1_000_000 / (30 * 24 * 3600)).statusHitRate; // a few %
 */
export function registerReadsAt(measured: Measured, a: Assumptions, perSecond: number): RegisterReads {
  const items = Math.max(1, Math.round(measured.figures.verifyCertificates.value));
  const requests = 100_000;
  const status = replayTtlCache({
    perSecond,
    items,
    ttlSeconds: STATUS_CACHE.ttlSeconds,
    refreshAfterSeconds: STATUS_CACHE.refreshAfterSeconds,
    refreshSpreadSeconds: STATUS_CACHE.refreshSpreadSeconds,
    zipf: a.zipfExponent,
    requests,
  });
  // The instance's never-expiring caches, as a TTL of its lifetime (all entries go at once in fact; close enough).
  const instance = replayTtlCache({
    perSecond,
    items,
    ttlSeconds: a.instanceLifetimeSeconds,
    zipf: a.zipfExponent,
    requests,
  });
  const logHead = replayTtlCache({ perSecond, items: 1, ttlSeconds: LOG_HEAD_TTL_SECONDS, zipf: 0, requests });
  const tileBytes = (width: number) => width * 32 + a.itemOverheadBytes;
  const size = Math.max(1, a.logTreeSize);
  // A level-0 tile away from the right edge is full (256 hashes).
  const level0 = tilesNeeded(Math.floor(size / 2), size).find((t) => t.level === 0);
  const fullTileUnits = readUnits(tileBytes(level0?.width ?? 256));
  const partialUnits = partialTilesOf(size).reduce((n, t) => n + readUnits(tileBytes(t.width)), 0);
  // Partial tiles: re-read once per checkpoint by the first verification after it (capped at one read per request).
  const perCheckpoint = Math.max(1, perSecond * a.checkpointIntervalSeconds);
  const instanceMiss = 1 - instance.hitRate;
  const units = {
    head: (status.requests - status.hits + status.refreshes) / status.requests,
    version: instanceMiss,
    logHead: 1 - logHead.hitRate,
    locate: instanceMiss * 0.5,
    tiles: instanceMiss * fullTileUnits + partialUnits / perCheckpoint,
  };
  return {
    perSecond,
    statusHitRate: status.hitRate,
    waitedShare: 1 - status.hitRate,
    versionHitRate: instance.hitRate,
    logHeadHitRate: logHead.hitRate,
    units,
    perVerification: units.head + units.version + units.logHead + units.locate + units.tiles,
  };
}

/**
 * Billed milliseconds of one verification in the cloud: the measured CPU per request (plus `extraCpuMs`, e.g.
 * compressing the answer), plus a DynamoDB round trip for the share that waited for a register read, rounded up to
 * 1 ms; plus the cold-start share's module load.
 *
 * @example
 * verifyBilledMs(measured, DEFAULT_ASSUMPTIONS, reads.waitedShare); // e.g. 6.5
 */
export function verifyBilledMs(measured: Measured, a: Assumptions, waitedShare: number, extraCpuMs = 0): number {
  const f = measured.figures;
  const warm = Math.ceil(f.verifyCpuMsPerRequest.value + extraCpuMs + waitedShare * a.dynamoRoundTripMs);
  return warm + a.coldStartShare * Math.ceil(f.verifyColdLoadMs.value);
}

/**
 * Bytes sent per verification: the page for `pageShare` of them, JSON for the rest, each with its headers.
 *
 * @example
 * answerBytes(measured, DEFAULT_ASSUMPTIONS); // 0.9 × (13,864 + 400) + 0.1 × (2,583 + 400)
 */
export function answerBytes(measured: Measured, a: Assumptions): number {
  const f = measured.figures;
  return (
    a.pageShare * (f.verifyPageBytes.value + a.headerBytes) +
    (1 - a.pageShare) * (f.verifyJsonBytes.value + a.headerBytes)
  );
}

/**
 * The cost of `count` verifications (the QR URL: the page for `pageShare` of them, JSON for the rest): HTTP API
 * requests, Lambda requests and GB-seconds, DynamoDB reads at the modelled rate ({@link registerReadsAt}), data
 * transfer out of both bodies, log ingestion.
 *
 * @example
 * verificationCost(prices, measured, memory, DEFAULT_ASSUMPTIONS, 1_000_000, registerReadsAt(measured, DEFAULT_ASSUMPTIONS, 0.386)).total;
 */
export function verificationCost(
  prices: PriceList,
  measured: Measured,
  memory: Memory,
  a: Assumptions,
  count: number,
  reads: Pick<RegisterReads, 'perVerification' | 'waitedShare'>,
): WorkloadCost {
  const billedMs = verifyBilledMs(measured, a, reads.waitedShare);
  const bytes = answerBytes(measured, a);
  return workload(`${count.toLocaleString('en')} verifications`, count, [
    term(prices, 'HTTP API requests', count, 'requests', 'httpApiRequest', 'measured'),
    term(prices, 'Lambda requests (verify)', count, 'requests', 'lambdaRequest', 'measured'),
    term(
      prices,
      `Lambda compute (verify, ${memory.verify} MB × ${billedMs.toFixed(2)} ms)`,
      count * (memory.verify / 1024) * (billedMs / 1000),
      'GB-s',
      'lambdaArmGbSecond',
      'measured',
    ),
    term(
      prices,
      'DynamoDB reads (register and log, after the caches)',
      count * reads.perVerification,
      'read units',
      'dynamoReadUnit',
      'counted from code',
    ),
    term(
      prices,
      `data transfer out (${pct(a.pageShare)} page, ${pct(1 - a.pageShare)} JSON, + headers)`,
      (count * bytes) / GB,
      'GB',
      'dataTransferOutGb',
      'measured',
    ),
    term(
      prices,
      'CloudWatch Logs ingestion',
      (count * a.logBytesPerInvocation) / GB,
      'GB',
      'logsIngestionGb',
      'assumed',
    ),
  ]);
}

/**
 * The cost of `count` issuances through `POST /v1/certificates`: the request, the issue function, its DynamoDB reads
 * and writes (a transaction item costs 2 write units), the KMS signatures (QR claims and the PDF's CMS signature), the
 * S3 put and a month of the PDF's storage, the SQS messages (send, receive, delete), the downstream workers (dispatch
 * and the transparency log: counted from the code) and logs. The keys' monthly fee is fixed: {@link fixedMonthly}.
 *
 * @example
 * issuanceCost(prices, measured, memory, DEFAULT_ASSUMPTIONS, 10_000).dominant.name;
 */
export function issuanceCost(
  prices: PriceList,
  measured: Measured,
  memory: Memory,
  a: Assumptions,
  count: number,
): WorkloadCost {
  const f = measured.figures;
  const billedMs = Math.ceil(f.issueHandlerMs.value);
  const d = a.downstream;
  const messages = f.issueSqsMessages.value;
  return workload(`${count.toLocaleString('en')} issuances`, count, [
    term(prices, 'HTTP API requests', count, 'requests', 'httpApiRequest', 'measured'),
    term(prices, 'Lambda requests (issue)', count, 'requests', 'lambdaRequest', 'measured'),
    term(
      prices,
      `Lambda compute (issue, ${memory.issue} MB × ${billedMs} ms)`,
      count * (memory.issue / 1024) * (billedMs / 1000),
      'GB-s',
      'lambdaArmGbSecond',
      'measured',
    ),
    term(prices, 'DynamoDB reads (issue)', count * f.issueReadItems.value, 'read units', 'dynamoReadUnit', 'measured'),
    term(
      prices,
      'DynamoDB writes (issue: transaction ×2, other writes)',
      count * (2 * f.issueTransactItems.value + f.issueWriteItems.value),
      'write units',
      'dynamoWriteUnit',
      'measured',
    ),
    term(
      prices,
      'KMS Sign (QR claims, PDF signature)',
      count * f.issueSignCalls.value,
      'requests',
      'kmsAsymmetricSign',
      'measured',
    ),
    term(prices, 'S3 PUT (the PDF)', count * f.issueS3Puts.value, 'requests', 's3Put', 'measured'),
    term(
      prices,
      'S3 storage (one month of the PDFs)',
      (count * a.pdfBytes) / GB,
      'GB-month',
      's3StorageGbMonth',
      'assumed',
    ),
    term(
      prices,
      'DynamoDB storage (one month of the records)',
      (count * a.tableBytesPerIssuance) / GB,
      'GB-month',
      'dynamoStorageGbMonth',
      'assumed',
    ),
    term(
      prices,
      'SQS (outbox sends; receive + delete per message)',
      count * (f.issueSqsCalls.value + messages * a.sqsRequestsPerMessageAfterSend),
      'requests',
      'sqsRequest',
      'measured',
    ),
    term(
      prices,
      'Lambda requests (dispatch worker, log sequencer)',
      count * d.invocations,
      'requests',
      'lambdaRequest',
      'counted from code',
    ),
    term(
      prices,
      `Lambda compute (workers, ${memory.worker} MB × ${d.billedMs} ms)`,
      count * d.invocations * (memory.worker / 1024) * (d.billedMs / 1000),
      'GB-s',
      'lambdaArmGbSecond',
      'assumed',
    ),
    term(
      prices,
      'DynamoDB writes (dispatch, log)',
      count * d.writeUnits,
      'write units',
      'dynamoWriteUnit',
      'counted from code',
    ),
    term(
      prices,
      'DynamoDB reads (dispatch, log)',
      count * d.readUnits,
      'read units',
      'dynamoReadUnit',
      'counted from code',
    ),
    term(prices, 'KMS Sign (log checkpoint)', count * d.kmsSigns, 'requests', 'kmsAsymmetricSign', 'counted from code'),
    term(prices, 'S3 PUT (log checkpoint and tiles)', count * d.s3Puts, 'requests', 's3Put', 'counted from code'),
    term(
      prices,
      'CloudWatch Logs ingestion',
      (count * (a.logBytesPerIssuance + d.invocations * a.logBytesPerInvocation)) / GB,
      'GB',
      'logsIngestionGb',
      'assumed',
    ),
  ]);
}

/**
 * What is paid each month whatever the traffic: the KMS keys (the certificate key and the log key).
 *
 * @example
 * fixedMonthly(prices, DEFAULT_ASSUMPTIONS).cost; // $2 in us-east-1
 */
export function fixedMonthly(prices: PriceList, a: Assumptions): CostTerm {
  return term(prices, 'KMS keys (monthly fee)', a.kmsKeys, 'key-months', 'kmsKeyMonth', 'counted from code');
}

/**
 * A deterministic pseudo-random source (mulberry32), so a replay is the same on every run.
 *
 * @example
 * const next = seeded(21); next(); // 0.…
 */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What a replay measured: requests, hits, the hit rate and the refreshes ahead (background origin reads). */
export interface ReplayResult {
  readonly requests: number;
  readonly hits: number;
  readonly hitRate: number;
  /** Hits old enough to start a background re-read (only with `refreshAfterSeconds`). */
  readonly refreshes: number;
}

/**
 * Replay a request stream through a cache with a `ttlSeconds` lifetime and measure its hit rate: `requests` arrivals
 * at `perSecond` (Poisson: exponential gaps), each for one of `items` certificates drawn by Zipf popularity with
 * exponent `zipf` (0: uniform). A request is a hit when its certificate was fetched from the origin less than
 * `ttlSeconds` before. One cache (one edge location) — several locations each keep their own, so a real edge hits less.
 * With `refreshAfterSeconds` (the status cache's refresh ahead), a hit on an entry at least that old — each item's
 * point drawn once within `refreshSpreadSeconds` before it — starts a re-read that renews the entry (counted in
 * `refreshes`).
 *
 * @example
 * replayTtlCache({ perSecond: 1000, items: 1000, ttlSeconds: 1, zipf: 1, requests: 100_000 }).hitRate; // ≈ 0.6
 */
export function replayTtlCache(options: {
  readonly perSecond: number;
  readonly items: number;
  readonly ttlSeconds: number;
  readonly zipf: number;
  readonly requests: number;
  readonly seed?: number;
  readonly refreshAfterSeconds?: number;
  readonly refreshSpreadSeconds?: number;
}): ReplayResult {
  const random = seeded(options.seed ?? 21);
  const weights = Array.from({ length: options.items }, (_, i) => 1 / (i + 1) ** options.zipf);
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) {
    sum += w;
    cumulative.push(sum);
  }
  const pick = () => {
    const target = random() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const fetchedAt = new Float64Array(options.items).fill(Number.NEGATIVE_INFINITY);
  const refreshAt = new Float64Array(options.items).fill(Number.POSITIVE_INFINITY);
  if (options.refreshAfterSeconds !== undefined) {
    const spread = options.refreshSpreadSeconds ?? 0;
    const points = seeded((options.seed ?? 21) + 1);
    for (let i = 0; i < options.items; i++) refreshAt[i] = (options.refreshAfterSeconds as number) - spread * points();
  }
  let now = 0;
  let hits = 0;
  let refreshes = 0;
  for (let i = 0; i < options.requests; i++) {
    now += -Math.log(1 - random()) / options.perSecond;
    const item = pick();
    const age = now - (fetchedAt[item] as number);
    if (age < options.ttlSeconds) {
      hits++;
      if (age >= (refreshAt[item] as number)) {
        refreshes++;
        fetchedAt[item] = now;
      }
    } else fetchedAt[item] = now;
  }
  return { requests: options.requests, hits, hitRate: hits / options.requests, refreshes };
}

/** The modelled change: the verification JSON cached at the edge (CloudFront) for `edgeTtlSeconds`. */
export interface EdgeCacheChange {
  /** In front of the HTTP API, or in front of a Lambda function URL with the HTTP API dropped for this route. */
  readonly origin: 'http-api' | 'function-url';
  readonly perSecond: number;
  readonly hitRate: number;
  /** What no longer costs behind the edge: the hits' origin terms, all regional transfer out (and the API, if dropped). */
  readonly saved: number;
  /** What the edge adds: every request's CloudFront HTTPS fee and transfer out (origin fetches from AWS are free). */
  readonly added: number;
  /** added − saved: negative is a saving. */
  readonly net: number;
  /** The hit rate at which the change pays for itself, or undefined when no hit rate does. */
  readonly breakEvenHitRate: number | undefined;
  /** The change in each price's cost (negative: saved), so a change can be set against the dominant term. */
  readonly deltas: Readonly<Partial<Record<PriceKey, number>>>;
}

/**
 * Price the edge cache for `verifications` at a hit rate: the hits skip the origin's terms; every request pays
 * CloudFront's request fee, and its transfer out replaces the regional one. With `origin: 'function-url'` the route's
 * HTTP API requests go too (CloudFront calls a Lambda function URL, which has no request fee of its own).
 *
 * @example
 * edgeCacheChange(verifications, prices, measured, DEFAULT_ASSUMPTIONS, 'http-api', 1000, 0.6).net; // < 0: a saving
 */
export function edgeCacheChange(
  verifications: WorkloadCost,
  prices: PriceList,
  measured: Measured,
  a: Assumptions,
  origin: EdgeCacheChange['origin'],
  perSecond: number,
  hitRate: number,
): EdgeCacheChange {
  const count = verifications.operations;
  const costOf = (key: PriceKey) => verifications.terms.filter((t) => t.price === key).reduce((n, t) => n + t.cost, 0);
  const transfer = costOf('dataTransferOutGb');
  const api = origin === 'function-url' ? costOf('httpApiRequest') : 0;
  const perHit = verifications.total - transfer - api;
  const saved = transfer + api + hitRate * perHit;
  const bytes = answerBytes(measured, a);
  const requests = term(prices, 'CloudFront HTTPS requests', count, 'requests', 'cloudfrontHttpsRequest', 'measured');
  const edgeOut = term(
    prices,
    'CloudFront transfer out',
    (count * bytes) / GB,
    'GB',
    'cloudfrontTransferOutGb',
    'measured',
  );
  const added = requests.cost + edgeOut.cost;
  const needed = (added - transfer - api) / perHit;
  const deltas: Partial<Record<PriceKey, number>> = {
    cloudfrontHttpsRequest: requests.cost,
    cloudfrontTransferOutGb: edgeOut.cost,
  };
  for (const t of verifications.terms) {
    const gone = t.price === 'dataTransferOutGb' || (t.price === 'httpApiRequest' && origin === 'function-url');
    deltas[t.price] = (deltas[t.price] ?? 0) - (gone ? t.cost : hitRate * t.cost);
  }
  return {
    origin,
    perSecond,
    hitRate,
    saved,
    added,
    net: added - saved,
    breakEvenHitRate: perHit > 0 && needed <= 1 ? Math.max(0, needed) : undefined,
    deltas,
  };
}

/** The modelled change: each answer compressed in the function when the client accepts it (browsers all do). */
export interface CompressionChange {
  readonly codec: Assumptions['compressionCodec'];
  /** Compressed ÷ original, measured on the real bodies. */
  readonly pageRatio: number;
  readonly jsonRatio: number;
  /** Bytes sent per verification (the mix, with headers) before and after. */
  readonly bytesBefore: number;
  readonly bytesAfter: number;
  /** CPU per verification the compression adds (the mix of the two bodies' median times), ms. */
  readonly cpuMs: number;
  /** Billed ms per verification before and after (the CPU goes inside the 1 ms rounding). */
  readonly billedMsBefore: number;
  readonly billedMsAfter: number;
  /** Data transfer no longer paid. */
  readonly saved: number;
  /** Lambda compute the compression adds (billed: inside the 1 ms rounding, often nothing). */
  readonly added: number;
  /** The compute it would add were it billed by the exact CPU time (no rounding): the honest upper view. */
  readonly addedUnrounded: number;
  /** added − saved: negative is a saving. */
  readonly net: number;
  readonly deltas: Readonly<Partial<Record<PriceKey, number>>>;
}

/**
 * Price compressing the answers with the measured ratios and CPU: the data transfer term shrinks by the mix's bytes
 * (headers stay, plus `encodingHeaderBytes`); the compute term grows by the compression's CPU. Undefined without
 * measured compression figures.
 *
 * @example
 * compressionChange(verifications, prices, measured, memory, DEFAULT_ASSUMPTIONS, reads)?.net; // < 0: a saving
 */
export function compressionChange(
  verifications: WorkloadCost,
  prices: PriceList,
  measured: Measured,
  memory: Memory,
  a: Assumptions,
  reads: Pick<RegisterReads, 'waitedShare'>,
): CompressionChange | undefined {
  const c = measured.compression?.codecs[a.compressionCodec];
  if (!c) return undefined;
  const f = measured.figures;
  const count = verifications.operations;
  const bytesBefore = answerBytes(measured, a);
  const headers = a.headerBytes + a.encodingHeaderBytes;
  const bytesAfter =
    a.pageShare * (f.verifyPageBytes.value * c.page.ratio + headers) +
    (1 - a.pageShare) * (f.verifyJsonBytes.value * c.json.ratio + headers);
  const cpuMs = a.pageShare * c.page.medianMs + (1 - a.pageShare) * c.json.medianMs;
  const billedMsBefore = verifyBilledMs(measured, a, reads.waitedShare);
  const billedMsAfter = verifyBilledMs(measured, a, reads.waitedShare, cpuMs);
  const transfer = verifications.terms.filter((t) => t.price === 'dataTransferOutGb').reduce((n, t) => n + t.cost, 0);
  const saved = transfer * (1 - bytesAfter / bytesBefore);
  const gbSecond = (ms: number) => count * (memory.verify / 1024) * (ms / 1000);
  const added =
    term(prices, 'compute', gbSecond(billedMsAfter), 'GB-s', 'lambdaArmGbSecond', 'measured').cost -
    term(prices, 'compute', gbSecond(billedMsBefore), 'GB-s', 'lambdaArmGbSecond', 'measured').cost;
  return {
    codec: a.compressionCodec,
    pageRatio: c.page.ratio,
    jsonRatio: c.json.ratio,
    bytesBefore,
    bytesAfter,
    cpuMs,
    billedMsBefore,
    billedMsAfter,
    saved,
    added,
    addedUnrounded: term(prices, 'compute', gbSecond(cpuMs), 'GB-s', 'lambdaArmGbSecond', 'measured').cost,
    net: added - saved,
    deltas: { dataTransferOutGb: -saved, lambdaArmGbSecond: added },
  };
}

/** Everything `npm run cost` prints for one region. */
export interface RegionCost {
  readonly prices: PriceList;
  readonly verifications: WorkloadCost;
  readonly issuances: WorkloadCost;
  /** Paid monthly whatever the traffic. */
  readonly fixed: CostTerm;
  /** The register and log reads at the modelled rate (1 million a month), and at the bench's rate for comparison. */
  readonly reads: RegisterReads;
  readonly benchReads: RegisterReads;
  readonly compression: CompressionChange | undefined;
  readonly change: readonly EdgeCacheChange[];
}

/**
 * 1 million verifications a month spread evenly, per second.
 *
 * @example
 * registerReadsAt(measured, DEFAULT_ASSUMPTIONS, MONTHLY_RATE); // 0.386 req/s
 */
export const MONTHLY_RATE = 1_000_000 / (30 * 24 * 3600);

/**
 * The request rates the edge-cache change is replayed at: 1 million a month spread evenly, and busier.
 *
 * @example
 * replayRates(measured); // [0.386, 10, 100, 1630]
 */
export function replayRates(measured: Measured): number[] {
  return [MONTHLY_RATE, 10, 100, Math.round(measured.figures.verifyRequestsPerSecond.value)];
}

/**
 * The whole model for one region.
 *
 * @example
 * const r = regionCost(prices, measured, { verify: 1024, issue: 1024, worker: 512 }, DEFAULT_ASSUMPTIONS);
 * r.verifications.dominant.price; // 'dataTransferOutGb'
 */
export function regionCost(prices: PriceList, measured: Measured, memory: Memory, a: Assumptions): RegionCost {
  const reads = registerReadsAt(measured, a, MONTHLY_RATE);
  const benchReads = registerReadsAt(measured, a, measured.figures.verifyRequestsPerSecond.value);
  const verifications = verificationCost(prices, measured, memory, a, 1_000_000, reads);
  const issuances = issuanceCost(prices, measured, memory, a, 10_000);
  const items = Math.max(1, Math.round(measured.figures.verifyCertificates.value));
  const change = replayRates(measured).flatMap((perSecond) => {
    const replay = replayTtlCache({
      perSecond,
      items,
      ttlSeconds: a.edgeTtlSeconds,
      zipf: a.zipfExponent,
      requests: 100_000,
    });
    return (['http-api', 'function-url'] as const).map((origin) =>
      edgeCacheChange(verifications, prices, measured, a, origin, perSecond, replay.hitRate),
    );
  });
  return {
    prices,
    verifications,
    issuances,
    fixed: fixedMonthly(prices, a),
    reads,
    benchReads,
    compression: compressionChange(verifications, prices, measured, memory, a, reads),
    change,
  };
}

const money = (currency: string, n: number) =>
  `${currency === 'CNY' ? '¥' : '$'}${n >= 100 ? n.toFixed(0) : n >= 1 ? n.toFixed(2) : n.toFixed(4)}`;
const pct = (n: number) => `${(n * 100).toFixed(1)} %`;
const qty = (n: number) => (n >= 1000 ? Math.round(n).toLocaleString('en') : n >= 1 ? n.toFixed(2) : n.toPrecision(3));

/**
 * The report as text lines: per region, both workloads term by term with shares and the dominant term, the modelled
 * change at each replayed rate, then the measured inputs and the assumptions.
 *
 * @example
 * for (const line of formatReport(regions, measured, DEFAULT_ASSUMPTIONS)) console.log(line);
 */
export function formatReport(regions: readonly RegionCost[], measured: Measured, a: Assumptions): string[] {
  const out: string[] = [];
  const f = measured.figures;
  for (const r of regions) {
    const c = r.prices.currency;
    const unverified = Object.values(r.prices.prices).filter((p) => !p.verified).length;
    out.push(
      `## ${r.prices.region} — ${r.prices.name} (${c}; ${unverified} of ${PRICE_KEYS.length} prices unverified)`,
    );
    for (const w of [r.verifications, r.issuances]) {
      out.push('', `${w.workload}: ${money(c, w.total)}`);
      for (const t of [...w.terms].sort((x, y) => y.cost - x.cost)) {
        const mark = r.prices.prices[t.price].verified ? '' : ' *';
        out.push(
          `  ${pct(t.cost / w.total).padStart(7)}  ${money(c, t.cost).padStart(10)}  ${t.name} — ${qty(t.quantity)} ${t.unit} [${t.basis}]${mark}`,
        );
      }
      out.push(`  dominant: ${w.dominant.name} (${pct(w.dominant.cost / w.total)})`);
    }
    const rd = r.reads;
    const u = rd.units;
    out.push(
      '',
      `register and log reads at ${rd.perSecond.toFixed(3)} req/s (1 million a month; one warm instance; replayed): status cache hit ${pct(rd.statusHitRate)} (TTL ${STATUS_CACHE.ttlSeconds} s), versions ${pct(rd.versionHitRate)}, log head ${pct(rd.logHeadHitRate)} (TTL ${LOG_HEAD_TTL_SECONDS} s)`,
      `  read units per verification ${rd.perVerification.toFixed(3)} = head ${u.head.toFixed(3)} + version ${u.version.toFixed(3)} + log head ${u.logHead.toFixed(3)} + locate ${u.locate.toFixed(3)} + tiles ${u.tiles.toFixed(3)}`,
      `  at the bench's ${Math.round(r.benchReads.perSecond)} req/s the same replay gives a status cache hit of ${pct(r.benchReads.statusHitRate)} (measured there: ${pct(f.verifyStatusCacheHitRate.value)})`,
    );
    const dominant = r.verifications.dominant;
    // Bytes out are one term whoever sends them: the edge's transfer replaces the region's.
    const kind: PriceKey[] =
      dominant.price === 'dataTransferOutGb' ? ['dataTransferOutGb', 'cloudfrontTransferOutGb'] : [dominant.price];
    const cut = (deltas: Readonly<Partial<Record<PriceKey, number>>>) =>
      -kind.reduce((n, key) => n + (deltas[key] ?? 0), 0);
    out.push('', `the dominant verification term: ${dominant.name} (${pct(dominant.cost / r.verifications.total)})`);
    const z = r.compression;
    if (z) {
      const verdict =
        z.net < 0
          ? `net saving ${money(c, -z.net)} (${pct(-z.net / r.verifications.total)})`
          : `net cost ${money(c, z.net)}`;
      out.push(
        `change 1: the answers compressed in the function (${z.codec}, when Accept-Encoding allows) — ratios measured on the real bodies: page ${pct(z.pageRatio)}, JSON ${pct(z.jsonRatio)}`,
        `  bytes per verification ${Math.round(z.bytesBefore)} → ${Math.round(z.bytesAfter)}; CPU +${z.cpuMs.toFixed(3)} ms (median), billed ${z.billedMsBefore.toFixed(2)} → ${z.billedMsAfter.toFixed(2)} ms`,
        `  saves ${money(c, z.saved)} of transfer, adds ${money(c, z.added)} of billed compute (${money(c, z.addedUnrounded)} if billed by the exact CPU) → ${verdict}; cuts the dominant term by ${money(c, cut(z.deltas))} (${pct(cut(z.deltas) / dominant.cost)})`,
      );
    } else {
      out.push(
        'change 1: compression not priced — no measured "compression" in the figures (npm run cost:compression)',
      );
    }
    out.push(
      '',
      `change 2: the verification answers cached at the edge (CloudFront) for ${a.edgeTtlSeconds} s — hit rate from a replay`,
      `  of Poisson arrivals over ${Math.round(f.verifyCertificates.value)} certificates, Zipf popularity (s = ${a.zipfExponent}), one edge cache:`,
    );
    for (const ch of r.change) {
      const rate = ch.perSecond < 1 ? ch.perSecond.toFixed(3) : String(ch.perSecond);
      const verdict =
        ch.net < 0
          ? `net saving ${money(c, -ch.net)} (${pct(-ch.net / r.verifications.total)})`
          : `net cost ${money(c, ch.net)}`;
      const even =
        ch.breakEvenHitRate === undefined ? 'never pays' : `pays from a ${pct(ch.breakEvenHitRate)} hit rate`;
      out.push(
        `  ${rate} req/s, ${ch.origin === 'http-api' ? 'before the HTTP API    ' : 'before a function URL '}: hit rate ${pct(ch.hitRate)}, saves ${money(c, ch.saved)}, adds ${money(c, ch.added)} → ${verdict}; ${even}; dominant term cut by ${money(c, cut(ch.deltas))}`,
      );
    }
    const monthly = r.change.filter((ch) => ch.perSecond === MONTHLY_RATE);
    const best = [...monthly].sort((x, y) => x.net - y.net)[0];
    const byCut = [
      ...(z ? [{ name: `change 1 (compression, ${z.codec})`, cut: cut(z.deltas), net: z.net }] : []),
      ...(best ? [{ name: `change 2 (edge cache, ${best.origin})`, cut: cut(best.deltas), net: best.net }] : []),
    ].sort((x, y) => y.cut - x.cut);
    const winner = byCut[0];
    if (winner) {
      out.push(
        `  at 1 million a month, ${winner.name} cuts the dominant term most (${money(c, winner.cut)}, ${winner.net < 0 ? `net saving ${money(c, -winner.net)}` : `net cost ${money(c, winner.net)}`})`,
      );
    }
    out.push(`  fixed each month: ${r.fixed.name} ${money(c, r.fixed.cost)}`);
    out.push('');
  }
  out.push('* an unverified price (a best known figure; see the price file and docs/cost.md)', '');
  out.push(`measured (${measured.measuredAt}, commit ${measured.commit}):`);
  for (const key of FIGURE_KEYS) out.push(`  ${key} = ${qty(f[key].value)} ${f[key].unit} ← ${f[key].from}`);
  const z = measured.compression;
  if (z) {
    out.push(`  compression (${z.measuredAt}, commit ${z.commit}) ← ${z.from}:`);
    for (const codec of COMPRESSION_CODECS) {
      const m = z.codecs[codec];
      out.push(
        `    ${codec}: page ${z.bodies.page} → ${m.page.compressedBytes} B (${pct(m.page.ratio)}, ${m.page.medianMs} ms), JSON ${z.bodies.json} → ${m.json.compressedBytes} B (${pct(m.json.ratio)}, ${m.json.medianMs} ms)`,
      );
    }
  }
  out.push(
    '',
    'assumptions:',
    `  answers: ${pct(a.pageShare)} the HTML page (phones scanning the QR), ${pct(1 - a.pageShare)} JSON (platforms) — --page-share`,
    ...regions
      .slice(0, 1)
      .map(
        (r) =>
          `  verify billed ms = ceil(CPU ${f.verifyCpuMsPerRequest.value} ms + (1 − status cache hit ${pct(r.reads.statusHitRate)} at 1 million a month) × DynamoDB ${a.dynamoRoundTripMs} ms) + ${pct(a.coldStartShare)} cold starts × load ${f.verifyColdLoadMs.value} ms = ${verifyBilledMs(measured, a, r.reads.waitedShare).toFixed(2)} ms`,
      ),
    `  caches replayed over ${Math.round(f.verifyCertificates.value)} certificates (Zipf s = ${a.zipfExponent}), one warm instance living ${a.instanceLifetimeSeconds / 3600} h (assumed); log of ${a.logTreeSize.toLocaleString('en')} entries, a new checkpoint every ${Math.round(a.checkpointIntervalSeconds)} s; tile items + ${a.itemOverheadBytes} B`,
    `  issue billed ms = ceil(the one-at-a-time p50 through the use case against the emulators) = ${Math.ceil(f.issueHandlerMs.value)} ms (emulator latencies stand in for the cloud's)`,
    `  reads: strongly consistent, items ≤ 4 KB → 1 read unit per item; writes ≤ 1 KB → 1 unit, 2 in a transaction`,
    `  response headers ${a.headerBytes} B; logs ${a.logBytesPerInvocation} B per invocation, ${a.logBytesPerIssuance} B per issuance; PDF ${a.pdfBytes} B; table ${a.tableBytesPerIssuance} B per issuance`,
    `  SQS: each message also received and deleted (${a.sqsRequestsPerMessageAfterSend} requests); downstream per issuance (from the code, no batching): ${a.downstream.invocations} invocations × ${a.downstream.billedMs} ms, ${a.downstream.writeUnits} WRU, ${a.downstream.readUnits} RRU, ${a.downstream.kmsSigns} KMS Sign, ${a.downstream.s3Puts} S3 PUT`,
    '  no free tier, first price tier, on-demand; the KMS key fee is monthly and fixed (shown with the issuances)',
  );
  return out;
}
