/**
 * The cost model without files or a process: price-list validation (a price without a source or a date is refused),
 * known inputs → known totals, the dominant term, the replayed cache hit rate and the edge cache's saving.
 */
import { describe, expect, it } from 'vitest';
import {
  type Assumptions,
  CostInputError,
  DEFAULT_ASSUMPTIONS,
  edgeCacheChange,
  FIGURE_KEYS,
  type Measured,
  PRICE_KEYS,
  type PriceList,
  parseMeasured,
  parsePriceList,
  replayTtlCache,
  verificationCost,
} from '../../../bin/cost-model';

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
    const figures = measured({
      verifyCpuMsPerRequest: 1.2,
      verifyStatusCacheHitRate: 1,
      verifyRegisterReadItemsPerRequest: 0.5,
    });
    // Act
    const cost = verificationCost(prices, figures, MEMORY, { ...QUIET, logBytesPerInvocation: 0 }, 1_000_000);
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
});

describe('replayTtlCache', () => {
  it('hits nothing when requests are further apart than the lifetime, and almost everything when dense', () => {
    // Act
    const sparse = replayTtlCache({ perSecond: 0.01, items: 1000, ttlSeconds: 1, zipf: 0, requests: 5000 });
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
  const verifications = verificationCost(prices, figures, MEMORY, { ...QUIET, logBytesPerInvocation: 0 }, 1_000_000);

  it('saves the hits’ origin cost and all regional transfer, and adds CloudFront for every request', () => {
    // Act
    const change = edgeCacheChange(verifications, prices, figures, QUIET, 'http-api', 100, 0.5);
    // Assess: saved = 1 (transfer) + 0.5 × 3; added = 1 (requests) + 0 (edge transfer priced 0)
    expect(change.saved).toBeCloseTo(2.5, 6);
    expect(change.added).toBeCloseTo(1, 6);
    expect(change.net).toBeCloseTo(-1.5, 6);
    expect(change.breakEvenHitRate).toBe(0);
  });

  it('drops the HTTP API before a function URL, and says when no hit rate pays', () => {
    // Prepare: CloudFront at $10 per million requests
    const dear = priceList({ httpApiRequest: 1e-6, lambdaRequest: 2e-6, cloudfrontHttpsRequest: 10e-6 });
    const costs = verificationCost(dear, figures, MEMORY, { ...QUIET, logBytesPerInvocation: 0 }, 1_000_000);
    // Act
    const viaUrl = edgeCacheChange(costs, dear, figures, QUIET, 'function-url', 100, 0);
    const viaApi = edgeCacheChange(costs, dear, figures, QUIET, 'http-api', 100, 1);
    // Assess
    expect(viaUrl.saved).toBeCloseTo(1, 6);
    expect(viaApi.breakEvenHitRate).toBeUndefined();
  });
});
