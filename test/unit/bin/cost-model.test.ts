/**
 * The cost model without files or a process: price-list validation (a price without a source or a date is refused),
 * known inputs → known totals, the page/JSON mix, the dominant term, the replayed cache hit rates and the register
 * reads they give at a rate, the compression change and the edge cache's saving.
 */
import { describe, expect, it } from 'vitest';
import {
  type Assumptions,
  answerBytes,
  type CompressionFigures,
  CostInputError,
  compressionChange,
  DEFAULT_ASSUMPTIONS,
  edgeCacheChange,
  FIGURE_KEYS,
  LOG_HEAD_TTL_SECONDS,
  type Measured,
  MONTHLY_RATE,
  PRICE_KEYS,
  type PriceList,
  parseMeasured,
  parsePriceList,
  registerReadsAt,
  replayTtlCache,
  STATUS_CACHE,
  verificationCost,
} from '../../../bin/cost-model';
import { LOG_HEAD_TTL_MS } from '../../../lambdas/adapters/log-reader-cache';
import { STATUS_CACHE_TTL_MS, StatusCache } from '../../../lambdas/adapters/status-cache';
import { LicenceNumber } from '../../../lambdas/domain/licence-number';

/** Every price 1 per unit, except those given (price per 1 unit). */
function priceList(overrides: Partial<Record<(typeof PRICE_KEYS)[number], number>> = {}): PriceList {
  const prices = Object.fromEntries(
    PRICE_KEYS.map((key) => [
      key,
      {
        price: overrides[key] ?? 0,
        per: 1,
        unit: 'u',
        source: 'https://example.test/p',
        date: '2026-12-06',
        verified: true,
      },
    ]),
  );
  return { region: 'test-1', name: 'Test', currency: 'USD', prices } as unknown as PriceList;
}

function measured(values: Partial<Record<(typeof FIGURE_KEYS)[number], number>> = {}): Measured {
  const figures = Object.fromEntries(
    FIGURE_KEYS.map((key) => [key, { value: values[key] ?? 0, unit: 'u', from: `bench: ${key}` }]),
  );
  return { measuredAt: '2026-12-06T00:00:00Z', commit: 'abc', figures } as unknown as Measured;
}

const MEMORY = { verify: 1024, issue: 1024, worker: 512 };
const QUIET: Assumptions = { ...DEFAULT_ASSUMPTIONS, coldStartShare: 0, dynamoRoundTripMs: 0, headerBytes: 0 };
/** Reads given outright: `perVerification` read units, none waited for. */
const READS = (perVerification: number) => ({ perVerification, waitedShare: 0 });

describe('parsePriceList', () => {
  it('accepts a complete list', () => {
    // Prepare
    const json = JSON.parse(JSON.stringify(priceList()));
    // Act
    const list = parsePriceList(json, 'p.json');
    // Assess
    expect(list.region).toBe('test-1');
  });

  it('refuses a price without a source, naming the file and the price', () => {
    // Prepare
    const json = JSON.parse(JSON.stringify(priceList()));
    delete json.prices.s3Put.source;
    // Act
    const act = () => parsePriceList(json, 'cost/prices/x.json');
    // Assess
    expect(act).toThrow(CostInputError);
    expect(act).toThrow('cost/prices/x.json: price "s3Put" has no "source"');
  });

  it('refuses a price without a date', () => {
    // Prepare
    const json = JSON.parse(JSON.stringify(priceList()));
    json.prices.kmsKeyMonth.date = 'last week';
    // Act
    const act = () => parsePriceList(json, 'x.json');
    // Assess
    expect(act).toThrow('price "kmsKeyMonth" has no "date" (YYYY-MM-DD, when it was read)');
  });

  it('refuses an unverified price without a note, and a missing price', () => {
    // Prepare
    const unverified = JSON.parse(JSON.stringify(priceList()));
    unverified.prices.sqsRequest.verified = false;
    const missing = JSON.parse(JSON.stringify(priceList()));
    delete missing.prices.lambdaRequest;
    // Act + Assess
    expect(() => parsePriceList(unverified, 'x.json')).toThrow('price "sqsRequest" is unverified but has no "note"');
    expect(() => parsePriceList(missing, 'x.json')).toThrow('price "lambdaRequest" is missing');
  });

  it('refuses a measured file whose figure does not say where it came from', () => {
    // Prepare
    const json = JSON.parse(JSON.stringify(measured()));
    delete json.figures.issueHandlerMs.from;
    // Act + Assess
    expect(() => parseMeasured(json, 'm.json')).toThrow('figure "issueHandlerMs" does not say which bench row');
  });
});

describe('verificationCost', () => {
  it('turns known inputs into known terms, total and dominant term', () => {
    // Prepare: $1 per million API requests, $0.20 per million Lambda requests, 1 GB-s at $1; 2 ms, 0.5 reads each
    const prices = priceList({
      httpApiRequest: 1e-6,
      lambdaRequest: 0.2e-6,
      lambdaArmGbSecond: 1,
      dynamoReadUnit: 1e-6,
    });
    const figures = measured({ verifyCpuMsPerRequest: 1.2 });
    // Act
    const cost = verificationCost(
      prices,
      figures,
      MEMORY,
      { ...QUIET, logBytesPerInvocation: 0 },
      1_000_000,
      READS(0.5),
    );
    // Assess: billed 2 ms (1.2 rounded up) × 1 GB × 1e6 = 2,000 GB-s at $1
    expect(cost.terms.map((t) => [t.name.split(' (')[0], Math.round(t.cost * 1e9) / 1e9])).toEqual([
      ['HTTP API requests', 1],
      ['Lambda requests', 0.2],
      ['Lambda compute', 2000],
      ['DynamoDB reads', 0.5],
    ]);
    expect(cost.total).toBeCloseTo(2001.7, 6);
    expect(cost.dominant.price).toBe('lambdaArmGbSecond');
  });

  it('bills a DynamoDB round trip for the share that waited for a register read, inside the 1 ms rounding', () => {
    // Prepare: 1.2 ms CPU + 60 % × 5 ms = 4.2 → 5 ms billed
    const prices = priceList({ lambdaArmGbSecond: 1 });
    const figures = measured({ verifyCpuMsPerRequest: 1.2 });
    const a = { ...QUIET, dynamoRoundTripMs: 5, logBytesPerInvocation: 0 };
    // Act
    const cost = verificationCost(prices, figures, MEMORY, a, 1_000_000, { perVerification: 0, waitedShare: 0.6 });
    // Assess
    expect(cost.total).toBeCloseTo(5000, 6);
  });

  it('sends the page to the page share and JSON to the rest, each with its headers', () => {
    // Prepare: $1 per GB; a page of 10,000 B and JSON of 2,000 B, 400 B of headers; 90 % pages
    const prices = priceList({ dataTransferOutGb: 1 });
    const figures = measured({ verifyPageBytes: 10_000, verifyJsonBytes: 2_000 });
    const a = { ...QUIET, headerBytes: 400, pageShare: 0.9, logBytesPerInvocation: 0 };
    // Act
    const bytes = answerBytes(figures, a);
    const cost = verificationCost(prices, figures, MEMORY, a, 1_000_000, READS(0));
    // Assess: 0.9 × 10,400 + 0.1 × 2,400 = 9,600 B
    expect(bytes).toBeCloseTo(9600, 9);
    const transfer = cost.terms.find((t) => t.price === 'dataTransferOutGb');
    expect(transfer?.quantity).toBeCloseTo((1_000_000 * 9600) / 1024 ** 3, 9);
    expect(cost.total).toBeCloseTo((1_000_000 * 9600) / 1024 ** 3, 9);
    expect(answerBytes(figures, { ...a, pageShare: 0 })).toBe(2400);
  });
});

describe('the caches the model replays', () => {
  it('uses the status cache TTL and the log head TTL the adapters use (copied: tools may not import adapters)', () => {
    // Assess
    expect(STATUS_CACHE.ttlSeconds * 1000).toBe(STATUS_CACHE_TTL_MS);
    expect(LOG_HEAD_TTL_SECONDS * 1000).toBe(LOG_HEAD_TTL_MS);
  });

  it('copies the refresh-ahead window the status cache computes (¾ of the TTL, spread over the ¼ before)', () => {
    // Prepare
    const cache = new StatusCache({} as never, { now: () => new Date(0) } as never);
    const licences = Array.from({ length: 50 }, (_, i) =>
      LicenceNumber.parse(`(鄂)XK05-001-${String(i + 1).padStart(5, '0')}`),
    );
    // Act
    const points = licences.map((l) => cache.refreshPointOf(l) / 1000);
    // Assess
    const low = STATUS_CACHE.refreshAfterSeconds - STATUS_CACHE.refreshSpreadSeconds;
    for (const p of points) {
      expect(p).toBeGreaterThan(low);
      expect(p).toBeLessThanOrEqual(STATUS_CACHE.refreshAfterSeconds);
    }
    expect(Math.min(...points)).toBeLessThan(low + 0.25 * STATUS_CACHE.refreshSpreadSeconds);
    expect(Math.max(...points)).toBeGreaterThan(
      STATUS_CACHE.refreshAfterSeconds - 0.25 * STATUS_CACHE.refreshSpreadSeconds,
    );
  });
});

describe('registerReadsAt', () => {
  const figures = measured({ verifyCertificates: 200 });

  it('reads the register for nearly every verification at 1 million a month, and almost never at the bench rate', () => {
    // Act
    const monthly = registerReadsAt(figures, DEFAULT_ASSUMPTIONS, MONTHLY_RATE);
    const busy = registerReadsAt(figures, DEFAULT_ASSUMPTIONS, 2000);
    // Assess: 0.39 req/s over 200 certificates, 4 s TTL — a few hits, from the most popular ones
    expect(monthly.statusHitRate).toBeGreaterThan(0.01);
    expect(monthly.statusHitRate).toBeLessThan(0.15);
    expect(monthly.units.head).toBeGreaterThan(0.85);
    expect(monthly.waitedShare).toBeCloseTo(1 - monthly.statusHitRate, 12);
    expect(busy.statusHitRate).toBeGreaterThan(0.95);
    expect(busy.units.head).toBeLessThan(0.1);
    expect(busy.perVerification).toBeLessThan(monthly.perVerification / 10);
  });

  it('sums its parts, and the log head follows the closed form for one item (rate × TTL ÷ (1 + rate × TTL))', () => {
    // Act
    const r = registerReadsAt(figures, DEFAULT_ASSUMPTIONS, MONTHLY_RATE);
    // Assess
    const u = r.units;
    expect(r.perVerification).toBeCloseTo(u.head + u.version + u.logHead + u.locate + u.tiles, 12);
    const x = MONTHLY_RATE * LOG_HEAD_TTL_SECONDS;
    expect(r.logHeadHitRate).toBeCloseTo(x / (1 + x), 2);
    expect(u.locate).toBeCloseTo(u.version / 2, 12); // eventually consistent: half a unit
  });

  it('counts a full level-0 tile (256 hashes + overhead > 8 KB: 3 read units) on an instance miss', () => {
    // Prepare: every request a new certificate for a fresh instance; checkpoints so rare partial tiles vanish
    const a = { ...DEFAULT_ASSUMPTIONS, instanceLifetimeSeconds: 0, checkpointIntervalSeconds: 1e12 };
    // Act
    const r = registerReadsAt(figures, a, 1);
    // Assess
    expect(r.versionHitRate).toBe(0);
    expect(r.units.version).toBe(1);
    expect(r.units.tiles).toBeCloseTo(3, 6);
  });
});

describe('replayTtlCache', () => {
  it('hits nothing when requests are further apart than the lifetime, and almost everything when dense', () => {
    // Act
    const sparse = replayTtlCache({ perSecond: 0.01, items: 1000, ttlSeconds: 1, zipf: 0, requests: 5000 });
    // (no refresh ahead asked: none counted)
    const dense = replayTtlCache({ perSecond: 100_000, items: 10, ttlSeconds: 1, zipf: 0, requests: 50_000 });
    // Assess
    expect(sparse.hitRate).toBeLessThan(0.001);
    expect(dense.hitRate).toBeGreaterThan(0.99);
  });

  it('matches the closed form for one item: a miss opens a 1 s window that catches rate × 1 s requests', () => {
    // Act: one certificate at 4 req/s, Poisson: each miss is followed by 4 hits on average → 80 %
    const one = replayTtlCache({ perSecond: 4, items: 1, ttlSeconds: 1, zipf: 0, requests: 200_000 });
    // Assess
    expect(one.hitRate).toBeCloseTo(0.8, 2);
  });

  it('refreshes ahead: one item at a high rate re-reads about once per refresh point instead of once per TTL', () => {
    // Act: 100 req/s on one item, TTL 4 s, refresh from 3 s of age → the entry is renewed every ~3 s
    const r = replayTtlCache({
      perSecond: 100,
      items: 1,
      ttlSeconds: 4,
      refreshAfterSeconds: 3,
      zipf: 0,
      requests: 300_000,
    });
    // Assess: 3,000 s of traffic → ~1,000 refreshes, one miss
    expect(r.requests - r.hits).toBe(1);
    expect(r.refreshes).toBeGreaterThan(990);
    expect(r.refreshes).toBeLessThan(1010);
  });

  it('is deterministic for a seed', () => {
    // Act + Assess
    const options = { perSecond: 50, items: 100, ttlSeconds: 1, zipf: 1, requests: 10_000 };
    expect(replayTtlCache(options)).toEqual(replayTtlCache(options));
  });
});

describe('edgeCacheChange', () => {
  // Prepare: the origin costs $3 per million (API 1, Lambda 2), transfer $1; CloudFront $1 per million requests
  const prices = priceList({
    httpApiRequest: 1e-6,
    lambdaRequest: 2e-6,
    dataTransferOutGb: 1,
    cloudfrontHttpsRequest: 1e-6,
  });
  const figures = measured({ verifyJsonBytes: 1024 ** 3 / 1_000_000 });
  const verifications = verificationCost(
    prices,
    figures,
    MEMORY,
    { ...QUIET, logBytesPerInvocation: 0, pageShare: 0 },
    1_000_000,
    READS(0),
  );

  it('saves the hits’ origin cost and all regional transfer, and adds CloudFront for every request', () => {
    // Act
    const change = edgeCacheChange(verifications, prices, figures, { ...QUIET, pageShare: 0 }, 'http-api', 100, 0.5);
    // Assess: saved = 1 (transfer) + 0.5 × 3; added = 1 (requests) + 0 (edge transfer priced 0)
    expect(change.saved).toBeCloseTo(2.5, 6);
    expect(change.added).toBeCloseTo(1, 6);
    expect(change.net).toBeCloseTo(-1.5, 6);
    expect(change.breakEvenHitRate).toBe(0);
    expect(change.deltas).toMatchObject({ dataTransferOutGb: -1, httpApiRequest: -0.5, cloudfrontHttpsRequest: 1 });
  });

  it('drops the HTTP API before a function URL, and says when no hit rate pays', () => {
    // Prepare: CloudFront at $10 per million requests
    const dear = priceList({ httpApiRequest: 1e-6, lambdaRequest: 2e-6, cloudfrontHttpsRequest: 10e-6 });
    const costs = verificationCost(dear, figures, MEMORY, { ...QUIET, logBytesPerInvocation: 0 }, 1_000_000, READS(0));
    // Act
    const viaUrl = edgeCacheChange(costs, dear, figures, QUIET, 'function-url', 100, 0);
    const viaApi = edgeCacheChange(costs, dear, figures, QUIET, 'http-api', 100, 1);
    // Assess
    expect(viaUrl.saved).toBeCloseTo(1, 6);
    expect(viaApi.breakEvenHitRate).toBeUndefined();
  });
});

describe('compressionChange', () => {
  const compression = (pageRatio: number, jsonRatio: number, pageMs: number, jsonMs: number): CompressionFigures => {
    const codec = {
      page: { compressedBytes: 0, ratio: pageRatio, medianMs: pageMs },
      json: { compressedBytes: 0, ratio: jsonRatio, medianMs: jsonMs },
    };
    return {
      measuredAt: '2026-12-06T00:00:00Z',
      commit: 'abc',
      from: 'test',
      bodies: { page: 10_000, json: 2_000 },
      codecs: { 'gzip-6': codec, 'brotli-5': codec, 'brotli-11': codec },
    };
  };

  it('shrinks the transfer by the measured ratios of the mix (headers stay) and bills the CPU inside the rounding', () => {
    // Prepare: $1 per GB and per GB-s; page 10,000 B at 25 %, JSON 2,000 B at 50 %; 400 + 50 B of headers; 90 % pages
    const prices = priceList({ dataTransferOutGb: 1, lambdaArmGbSecond: 1 });
    const figures = {
      ...measured({ verifyPageBytes: 10_000, verifyJsonBytes: 2_000, verifyCpuMsPerRequest: 0.5 }),
      compression: compression(0.25, 0.5, 0.2, 0.1),
    };
    const a = { ...QUIET, headerBytes: 400, encodingHeaderBytes: 50, pageShare: 0.9, logBytesPerInvocation: 0 };
    const verifications = verificationCost(prices, figures, MEMORY, a, 1_000_000, READS(0));
    // Act
    const change = compressionChange(verifications, prices, figures, MEMORY, a, READS(0));
    // Assess: before 9,600 B; after 0.9 × (2,500 + 450) + 0.1 × (1,000 + 450) = 2,800 B
    expect(change?.bytesBefore).toBeCloseTo(9600, 9);
    expect(change?.bytesAfter).toBeCloseTo(2800, 9);
    expect(change?.saved).toBeCloseTo((1_000_000 * 6800) / 1024 ** 3, 9);
    // CPU 0.9 × 0.2 + 0.1 × 0.1 = 0.19 ms: 0.5 + 0.19 still rounds up to 1 ms, so nothing more is billed
    expect(change?.cpuMs).toBeCloseTo(0.19, 12);
    expect(change?.added).toBe(0);
    expect(change?.addedUnrounded).toBeCloseTo(190, 6); // 1e6 × 1 GB × 0.19 ms at $1 per GB-s
    const saved = change?.saved ?? Number.NaN;
    expect(change?.net).toBeCloseTo(-saved, 12);
    expect(change?.deltas.dataTransferOutGb).toBeCloseTo(-saved, 12);
  });

  it('bills the extra millisecond when the CPU crosses the rounding, and is not priced without measured figures', () => {
    // Prepare
    const prices = priceList({ lambdaArmGbSecond: 1 });
    const a = { ...QUIET, logBytesPerInvocation: 0 };
    const crossing = { ...measured({ verifyCpuMsPerRequest: 0.9 }), compression: compression(0.5, 0.5, 0.2, 0.2) };
    const verifications = verificationCost(prices, crossing, MEMORY, a, 1_000_000, READS(0));
    // Act
    const change = compressionChange(verifications, prices, crossing, MEMORY, a, READS(0));
    const none = compressionChange(verifications, prices, measured(), MEMORY, a, READS(0));
    // Assess: 1 ms → 2 ms billed, 1e6 × 1 GB × 1 ms = 1,000 GB-s
    expect(change?.billedMsAfter).toBe(2);
    expect(change?.added).toBeCloseTo(1000, 6);
    expect(none).toBeUndefined();
  });
});

describe('parseMeasured (compression)', () => {
  it('refuses a compression section without a ratio', () => {
    // Prepare
    const json = JSON.parse(JSON.stringify(measured()));
    json.compression = {
      measuredAt: 'x',
      commit: 'c',
      from: 'f',
      bodies: { page: 1, json: 1 },
      codecs: { 'gzip-6': { page: {}, json: {} } },
    };
    // Act + Assess
    expect(() => parseMeasured(json, 'm.json')).toThrow('compression "gzip-6" has no page "ratio"');
  });
});
