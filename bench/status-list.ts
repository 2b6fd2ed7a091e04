/**
 * Issue 16's figures for the signed bulk status list, from one run (`npm run bench -- status-list`; `BENCH_QUICK=1`
 * or `--quick` for a short smoke run):
 *
 * 1. **Rebuilding and signing** a 131,072-entry list (target ≤ 50 ms, median of repeated runs): from the (index →
 *    status) pair of every licence — 2 % of them suspended, revoked or cancelled at random indices, the rest valid —
 *    `StatusList.fromEntries` then `signStatusList` with a local ES256 key (the node signer adapter, node:crypto);
 * 2. **Its size** (target ≤ 40 KB for the token): bytes of the compact JWT and of its `lst`;
 * 3. beside them, in the same run and on the same statuses, a **plain baseline**: the same statuses as JSON
 *    (`{"index": status, …}` for every licence) gzip'd at the highest level — its size and time, and the ratios;
 * 4. verifying the token with the key set and reading one index (no target: what a platform spends per download);
 * 5. the publisher's own path after a change: the published list decoded, one entry written, signed again
 *    (`readOwnStatusList` + `with` + `signStatusList`);
 * 6. **freshness** (target ≤ 5 s), through the whole local runtime with its pollers (DynamoDB Local in memory, the SQS
 *    emulator): an officer's suspension or reinstatement over HTTP until `GET /status-lists/1` says so, polled every
 *    10 ms — median and maximum of repeated changes.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, gzipSync } from 'node:zlib';
import { createNodeSigner } from '../lambdas/adapters/signing/node-signer';
import { KeySet } from '../lambdas/domain/signing/key-set';
import { STATUS_LIST_SIZE, type StatusEntry, StatusList } from '../lambdas/domain/status-list/status-list';
import {
  readOwnStatusList,
  signStatusList,
  verifyStatusListToken,
} from '../lambdas/domain/status-list/status-list-token';
import { silentLog } from '../lib/local/log';
import { issueBody } from '../test/support/certificates';
import { type BenchModule, type BenchRow, median, round, sample } from './harness';

const QUICK = process.env.BENCH_QUICK === '1' || process.argv.includes('--quick');
const BUILD_TARGET_MS = 50;
const SIZE_TARGET_BYTES = 40_000;
const FRESHNESS_TARGET_MS = 5000;

/**
 * The statuses a run is measured on: one (index, status) pair for every licence.
 *
 * @example
 * const fixture = statusListBenchFixture({ size: 131_072, nonValidShare: 0.02, seed: 16 });
 */
export interface StatusListBenchFixture {
  readonly size: number;
  readonly entries: readonly StatusEntry[];
  /** How many entries are not valid (0). */
  readonly nonValid: number;
}

/**
 * Every licence valid but `nonValidShare` of them, at distinct random indices (a seeded generator, so runs compare),
 * each suspended, revoked or cancelled with equal chance.
 *
 * @example
 * statusListBenchFixture({ size: STATUS_LIST_SIZE, nonValidShare: 0.02, seed: 16 }).nonValid; // 2621
 */
export function statusListBenchFixture(opts: {
  readonly size: number;
  readonly nonValidShare: number;
  readonly seed: number;
}): StatusListBenchFixture {
  const random = mulberry32(opts.seed);
  const statuses = new Uint8Array(opts.size);
  const nonValid = Math.floor(opts.size * opts.nonValidShare);
  for (let placed = 0; placed < nonValid; ) {
    const index = Math.floor(random() * opts.size);
    if (statuses[index] !== 0) continue;
    statuses[index] = 1 + Math.floor(random() * 3);
    placed++;
  }
  const entries = Array.from(statuses, (status, index) => ({ index, status }));
  return { size: opts.size, entries, nonValid };
}

/**
 * The sizes of one bench run.
 *
 * @example
 * await runStatusListBench({ runs: 30, warmUp: 3 });
 */
export interface StatusListBenchOptions {
  readonly runs: number;
  readonly warmUp: number;
  readonly fixture?: StatusListBenchFixture;
}

/**
 * Measure and return the rows (see the file comment).
 *
 * @example
 * const rows = await runStatusListBench({ runs: 1, warmUp: 0 });
 */
export async function runStatusListBench(opts: StatusListBenchOptions): Promise<BenchRow[]> {
  const fixture = opts.fixture ?? statusListBenchFixture({ size: STATUS_LIST_SIZE, nonValidShare: 0.02, seed: 16 });
  const signer = await createNodeSigner(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: 'https://permit.example/status-lists/1', iat: now, exp: now + 86_400, ttl: 5 };
  const keySet = await KeySet.fromRecords([
    { kid: signer.kid, jwk: await signer.publicJwk(), status: 'current', signedFrom: now - 60 },
  ]);

  let jwt = '';
  const rebuild = async () => {
    jwt = await signStatusList(StatusList.fromEntries(fixture.size, fixture.entries), claims, signer);
  };
  let json = Buffer.alloc(0);
  const baseline = () => {
    const plain: Record<number, number> = {};
    for (const { index, status } of fixture.entries) plain[index] = status;
    json = gzipSync(JSON.stringify(plain), { level: constants.Z_BEST_COMPRESSION });
  };
  const probe = fixture.entries.find((e) => e.status !== 0) ?? { index: 0, status: 0 };
  let read = -1;
  const verifyAndRead = async () => {
    read = (await verifyStatusListToken(jwt, keySet)).list.get(probe.index);
  };

  const patch = async () => {
    const flipped = { index: probe.index, status: (probe.status + 1) % 4 };
    await signStatusList(readOwnStatusList(jwt).with([flipped]), claims, signer);
  };

  await sample(opts.warmUp, rebuild);
  await sample(opts.warmUp, baseline);
  const buildMs = median(await sample(opts.runs, rebuild));
  const baselineMs = median(await sample(opts.runs, baseline));
  const verifyMs = median(await sample(opts.runs, verifyAndRead));
  const patchMs = median(await sample(opts.runs, patch));
  if (read !== probe.status) throw new Error(`read ${read} at index ${probe.index}, expected ${probe.status}`);

  const lstBytes = Buffer.byteLength(
    JSON.parse(Buffer.from(jwt.split('.')[1] as string, 'base64url').toString()).status_list.lst,
  );
  const jwtBytes = Buffer.byteLength(jwt);
  const shape = `${fixture.size.toLocaleString('en')} entries, ${fixture.nonValid.toLocaleString('en')} not valid`;
  return [
    {
      metric: `rebuild + sign (fromEntries + ES256), ${shape} (median of ${opts.runs})`,
      value: round(buildMs, 2),
      unit: 'ms',
      target: `≤ ${BUILD_TARGET_MS} ms`,
      pass: buildMs <= BUILD_TARGET_MS,
    },
    {
      metric: 'signed list (compact JWT)',
      value: jwtBytes,
      unit: 'bytes',
      target: `≤ ${SIZE_TARGET_BYTES} bytes`,
      pass: jwtBytes <= SIZE_TARGET_BYTES,
    },
    { metric: 'lst (base64url of the zlib stream)', value: lstBytes, unit: 'bytes' },
    {
      metric: `baseline: JSON {index: status} of every licence, gzip -9 (median of ${opts.runs})`,
      value: round(baselineMs, 2),
      unit: 'ms',
    },
    { metric: 'baseline size (gzip’d JSON, unsigned)', value: json.length, unit: 'bytes' },
    { metric: 'size: baseline ÷ signed list', value: round(json.length / jwtBytes, 1) },
    { metric: 'time: rebuild + sign ÷ baseline', value: round(buildMs / baselineMs, 2) },
    {
      metric: `verify with the key set + read one index (median of ${opts.runs})`,
      value: round(verifyMs, 2),
      unit: 'ms',
    },
    {
      metric: `the publisher's patch: decode the published list + write one entry + sign (median of ${opts.runs})`,
      value: round(patchMs, 2),
      unit: 'ms',
    },
  ];
}

/**
 * Freshness through the local runtime (see the file comment): `changes` alternating suspensions and reinstatements of
 * one licence, each timed from the request to the first download of `GET /status-lists/1` whose entry says it.
 *
 * @example
 * const rows = await runStatusListFreshnessBench({ changes: 10 });
 */
export async function runStatusListFreshnessBench(opts: { readonly changes: number }): Promise<BenchRow[]> {
  process.env.LOG_LEVEL = 'ERROR';
  const dataDir = mkdtempSync(join(tmpdir(), 'permit-bench-status-list-'));
  const { startLocalRuntime } = await import('../lib/local/runtime');
  const runtime = await startLocalRuntime({
    dataDir,
    port: 0,
    inMemoryDynamo: true,
    schedules: false,
    log: silentLog(),
  });
  try {
    const officer = { authorization: `Bearer ${runtime.tokens.officer}`, 'content-type': 'application/json' };
    const issued = await fetch(`${runtime.baseUrl}/v1/certificates`, {
      method: 'POST',
      headers: { ...officer, 'idempotency-key': `bench-status-list-${process.pid}` },
      body: JSON.stringify(issueBody({ seed: 16 })),
    });
    if (issued.status !== 201) throw new Error(`issuance answered ${issued.status}`);
    const { licenceNoUrlSafe, statusListIndex } = (await issued.json()) as {
      licenceNoUrlSafe: string;
      statusListIndex: number;
    };
    const entry = async (): Promise<number> =>
      readOwnStatusList(await (await fetch(`${runtime.baseUrl}/status-lists/1`)).text()).get(statusListIndex);
    const times: number[] = [];
    for (let n = 0; n < opts.changes; n++) {
      const action = n % 2 === 0 ? 'suspend' : 'reinstate';
      const started = performance.now();
      const res = await fetch(`${runtime.baseUrl}/v1/certificates/${licenceNoUrlSafe}/status`, {
        method: 'POST',
        headers: officer,
        body: JSON.stringify({
          action,
          publicReason: '基准测试',
          legalBasis: '《工业产品生产许可证管理条例》第四十五条',
        }),
      });
      if (res.status !== 200) throw new Error(`${action} answered ${res.status}`);
      const want = action === 'suspend' ? 2 : 0;
      while ((await entry()) !== want) {
        if (performance.now() - started > 60_000) throw new Error(`the list did not say ${action} within a minute`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      times.push(performance.now() - started);
    }
    const medianMs = median(times);
    const maxMs = Math.max(...times);
    return [
      {
        metric: `freshness: status change → downloaded list says it, npm start's runtime (median of ${opts.changes})`,
        value: round(medianMs, 0),
        unit: 'ms',
        target: `≤ ${FRESHNESS_TARGET_MS} ms`,
        pass: medianMs <= FRESHNESS_TARGET_MS,
      },
      {
        metric: 'freshness: the slowest change',
        value: round(maxMs, 0),
        unit: 'ms',
        target: `≤ ${FRESHNESS_TARGET_MS} ms`,
        pass: maxMs <= FRESHNESS_TARGET_MS,
      },
      { metric: 'freshness: median ÷ the 5 s promise', value: round(medianMs / FRESHNESS_TARGET_MS, 2) },
    ];
  } finally {
    await runtime.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A small seeded generator (mulberry32): the same statuses on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export default {
  name: 'status-list',
  description: 'rebuilding and signing the 131,072-entry status list, its size beside gzip’d JSON, and its freshness',
  run: async () => [
    ...(await runStatusListBench(QUICK ? { runs: 3, warmUp: 1 } : { runs: 50, warmUp: 5 })),
    ...(await runStatusListFreshnessBench({ changes: QUICK ? 4 : 20 })),
  ],
} satisfies BenchModule;
