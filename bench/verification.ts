/**
 * Verification speed, from one run (`npm run bench -- verification`; `BENCH_QUICK=1` for a short smoke run):
 *
 * 1. raw jose ES256 `compactVerify` per second on one core — the ceiling;
 * 2. the verify use case per second in this process against DynamoDB Local: status cache off (every answer reads the
 *    register) and with the production lifetime (4 s);
 * 3. the QR URL through the local gateway (the runtime `npm start` runs: gateway → handler → DynamoDB Local), 50
 *    connections for 30 s from `autocannon` in a separate process, spread over ≥ 1,000 certificates issued first
 *    through the issuance use case: requests/s, p50/p99, non-2xx and errors, the status cache's hit rate — once as
 *    the page a phone gets (HTML) and once as JSON;
 * 4. the verify function's bundle as CDK deploys it (`bundleAsDeployed`: esbuild, minified, AWS SDK inside, source map
 *    beside it) and its module-load time in fresh processes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompactSign, compactVerify, exportJWK, generateKeyPair } from 'jose';
import { DynamoCertificateRepository } from '../lambdas/adapters/dynamo/certificate-repository';
import { StatusCache } from '../lambdas/adapters/status-cache';
import { usccWithCheck } from '../lambdas/domain/uscc';
import { bundleAsDeployed, placeholderEnvironment } from '../lib/constructs/function-bundle';
import { startLocalRuntime } from '../lib/local/runtime';
import { type BenchModule, type BenchRow, cannon, median, round } from './harness';

const QUICK = process.env.BENCH_QUICK === '1' || process.argv.includes('--quick');
const CERTIFICATES = QUICK ? 200 : 1000;
const GATEWAY_SECONDS = QUICK ? 5 : 30;
const CONNECTIONS = 50;

/** ES256 verifications per second with nothing around them. */
async function rawVerifyRate(): Promise<number> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jws = await new CompactSign(new TextEncoder().encode('{"lic":"(鄂)XK06-001-00001","ver":1}'))
    .setProtectedHeader({ alg: 'ES256', kid: 'bench', typ: 'permit-qr+jws' })
    .sign(privateKey);
  void (await exportJWK(publicKey));
  for (let i = 0; i < 500; i++) await compactVerify(jws, publicKey, { algorithms: ['ES256'] });
  const n = QUICK ? 2000 : 10_000;
  const start = performance.now();
  for (let i = 0; i < n; i++) await compactVerify(jws, publicKey, { algorithms: ['ES256'] });
  return n / ((performance.now() - start) / 1000);
}

/** Run `fn` from `concurrency` loops for `seconds`; completed calls per second. */
async function rate(seconds: number, concurrency: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  let done = 0;
  const until = performance.now() + seconds * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) await fn(done++);
    }),
  );
  return done / ((performance.now() - start) / 1000);
}

/** The issue-20 targets for the verify function's cold start. */
const MAX_BUNDLE_KIB = 500;
const MAX_LOAD_MS = 100;

/**
 * The verify function's bundle as CDK deploys it: its size, and its module-load time in fresh processes (`runs`
 * of them; nothing is contacted while it loads).
 *
 * @example
 * const { size, loadMs } = await bundleFigures(9); // bytes of index.mjs, one load time per process
 */
export async function bundleFigures(runs: number): Promise<{ size: number; loadMs: number[] }> {
  const { code } = await bundleAsDeployed('lambdas/handlers/verify-routes.ts');
  const dir = mkdtempSync(join(tmpdir(), 'permit-bench-bundle-'));
  const file = join(dir, 'index.mjs');
  writeFileSync(file, code);
  const probe = `const t = performance.now(); await import(${JSON.stringify(`file://${file}`)}); console.log(performance.now() - t);`;
  const loadMs: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const child = spawnSync(process.execPath, ['--input-type=module', '-e', probe], {
        cwd: dir,
        env: { ...process.env, ...placeholderEnvironment() },
        encoding: 'utf8',
      });
      if (child.status !== 0) throw new Error(`bundle load failed: ${child.stderr}`);
      loadMs.push(Number(child.stdout.trim().split('\n').at(-1)));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { size: code.length, loadMs };
}

/** The issue-20 targets through the local gateway (50 connections, one process). */
interface Target {
  readonly rps: number;
  readonly p99: number;
}
const PAGE_TARGET: Target = { rps: 2500, p99: 30 };
const JSON_TARGET: Target = { rps: 3000, p99: 25 };
/** Gateway runs of each kind; the figures are their medians. */
const RUNS = QUICK ? 1 : 3;

interface GatewayRun {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly requests: number;
  readonly failures: number;
  /** CPU this process (gateway + handler + SDK) spent per request: the capacity of one uncontended core. */
  readonly cpuMs: number;
}

async function gatewayRun(baseUrl: string, paths: readonly string[], accept: string): Promise<GatewayRun> {
  const cpuBefore = process.cpuUsage();
  const r = await cannon(baseUrl, paths, GATEWAY_SECONDS, CONNECTIONS, accept);
  const cpu = process.cpuUsage(cpuBefore);
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    failures: r.non2xx + r.errors + r.timeouts,
    cpuMs: (cpu.user + cpu.system) / 1000 / Math.max(1, r.requests.total),
  };
}

type Summary = Omit<GatewayRun, 'requests' | 'failures'> & { readonly requests: number; readonly failures: number };

/** Medians of the runs' rates, latencies and CPU; requests and failures summed. */
function summarise(runs: readonly GatewayRun[]): Summary {
  const of = (pick: (r: GatewayRun) => number) => median(runs.map(pick));
  return {
    rps: of((r) => r.rps),
    p50: of((r) => r.p50),
    p99: of((r) => r.p99),
    cpuMs: of((r) => r.cpuMs),
    requests: runs.reduce((n, r) => n + r.requests, 0),
    failures: runs.reduce((n, r) => n + r.failures, 0),
  };
}

async function run(): Promise<BenchRow[]> {
  // CPU-bound figures first, before this run starts DynamoDB Local and the gateway.
  const raw = await rawVerifyRate();
  const bundle = await bundleFigures(QUICK ? 3 : 9);

  const dataDir = mkdtempSync(join(tmpdir(), 'permit-bench-verify-'));
  const runtime = await startLocalRuntime({ dataDir, port: 0, inMemoryDynamo: true, pollers: false, schedules: false });
  try {
    // Issue the certificates through the issuance use case (the runtime set the environment it reads).
    const { issuanceDeps } = await import('../lambdas/composition/issuance');
    const { issueCertificate } = await import('../lambdas/use-cases/issue-certificate');
    const deps = await issuanceDeps();
    const issueStart = performance.now();
    const payloads: string[] = [];
    await Promise.all(
      [0, 1].map(async (lane) => {
        for (let i = lane; i < CERTIFICATES; i += 2) {
          const issued = await issueCertificate(deps, {
            change: {
              kind: 'licence',
              enterprise: {
                name: `湖北基准测试线缆第${i}有限公司`,
                uscc: usccWithCheck(`914201007${String(10_000_000 + i).padStart(8, '0')}`),
                domicile: '湖北省武汉市东西湖区走马岭街道革新大道88号',
                productionAddresses: ['湖北省武汉市东西湖区走马岭街道革新大道88号'],
              },
              products: ['06-001'],
            },
            actor: { type: 'system', id: 'bench' },
            idempotencyKey: `bench-verify-${i}`,
            source: 'bench',
          });
          payloads[i] = issued.version.qrText.slice(issued.version.qrText.lastIndexOf('/v/') + 3);
        }
      }),
    );
    const issueSeconds = (performance.now() - issueStart) / 1000;
    // The log's sequencer integrates them (in the cloud within a minute): every answer then carries its inclusion
    // proof, the steady state — not "pending", nor "missing" with its alarm line, a minute later.
    const { sequencerDeps } = await import('../lambdas/composition/transparency-log');
    const { integrateLog } = await import('../lambdas/use-cases/transparency/sequencer');
    const integrated = await integrateLog(sequencerDeps());

    // The use case in this process, on DynamoDB Local.
    const { verifyDeps, statusCache } = await import('../lambdas/composition/verify');
    const { verifyCertificate } = await import('../lambdas/use-cases/verify-certificate');
    const { dynamoClient } = await import('../lambdas/shared/clients');
    const { config } = await import('../lambdas/shared/config');
    const production = verifyDeps();
    const uncached = {
      ...production,
      register: new StatusCache(new DynamoCertificateRepository(dynamoClient(), config().tableName), production.clock, {
        ttlMs: 0,
      }),
    };
    const verifyOne = (d: typeof production) => async (i: number) => {
      const r = await verifyCertificate(d, { kind: 'payload', payload: payloads[i % payloads.length] as string });
      if (r.verdict !== 'valid') throw new Error(`bench certificate ${i} verified ${r.verdict}`);
      if (r.log?.state !== 'included') throw new Error(`bench certificate ${i}: log ${r.log?.state}`);
    };
    await rate(1, 8, verifyOne(uncached)); // warm-up
    const useCaseUncached = await rate(QUICK ? 2 : 5, 8, verifyOne(uncached));
    const useCaseCached = await rate(QUICK ? 2 : 5, 8, verifyOne(production));

    // Through the gateway: the page a phone gets, then JSON, RUNS times in turn; medians of the runs.
    const paths = payloads.map((p) => `/v/${p}`);
    await cannon(runtime.baseUrl, paths, 3, 10, 'text/html'); // warm-up: JIT, connections, cache
    const cache = statusCache();
    const before = cache.stats();
    const load = loadavg()[0] as number;
    const pageRuns: GatewayRun[] = [];
    const jsonRuns: GatewayRun[] = [];
    for (let r = 0; r < RUNS; r++) {
      pageRuns.push(await gatewayRun(runtime.baseUrl, paths, 'text/html'));
      jsonRuns.push(await gatewayRun(runtime.baseUrl, paths, 'application/json'));
    }
    const after = cache.stats();
    // Issue 21 (cost): the bytes of one answer's body, for data transfer out.
    const bodyBytes = async (accept: string) =>
      (await (await fetch(`${runtime.baseUrl}${paths[0]}`, { headers: { accept } })).arrayBuffer()).byteLength;
    const pageBytes = await bodyBytes('text/html');
    const jsonBytes = await bodyBytes('application/json');
    const hits = after.hits - before.hits;
    const misses = after.misses - before.misses;
    const refreshes = after.refreshes - before.refreshes;
    const refreshBatches = after.refreshBatches - before.refreshBatches;
    const gatewaySeconds = RUNS * 2 * GATEWAY_SECONDS;

    const loadMedian = median(bundle.loadMs);
    const rawCpuMs = 1000 / raw;
    const page = summarise(pageRuns);
    const json = summarise(jsonRuns);
    const runsText = (runs: readonly GatewayRun[], pick: (r: GatewayRun) => number) =>
      runs.map((r) => round(pick(r), 3)).join(' / ');
    const gatewayRows = (
      kind: string,
      short: string,
      s: Summary,
      runs: readonly GatewayRun[],
      target: Target,
    ): BenchRow[] => [
      {
        metric: `gateway, ${kind}, ${CONNECTIONS} conns × ${GATEWAY_SECONDS} s (median of ${runs.length})`,
        value: Math.round(s.rps),
        unit: 'req/s',
        target: `≥ ${target.rps.toLocaleString('en')} req/s`,
        pass: s.rps >= target.rps,
      },
      { metric: `gateway ${kind} runs`, value: runsText(runs, (r) => Math.round(r.rps)), unit: 'req/s' },
      { metric: `gateway ${kind} p50 (median of runs)`, value: s.p50, unit: 'ms' },
      {
        metric: `gateway ${kind} p99 (median of runs)`,
        value: s.p99,
        unit: `ms (runs: ${runsText(runs, (r) => r.p99)})`,
        target: `≤ ${target.p99} ms`,
        pass: s.p99 <= target.p99,
      },
      {
        metric: `gateway ${short} requests / non-2xx+errors+timeouts (all runs)`,
        value: `${s.requests} / ${s.failures}`,
        target: '0 failures',
        pass: s.failures === 0,
      },
      {
        metric: `CPU per ${short} request in the gateway process (gateway + handler + SDK), median of runs`,
        value: round(s.cpuMs, 3),
        unit: `ms → ${Math.round(1000 / s.cpuMs)} req/s per free core (runs: ${runsText(runs, (r) => r.cpuMs)})`,
      },
      {
        metric: `CPU per ${short} request ÷ one raw ES256 verification`,
        value: round(s.cpuMs / rawCpuMs, 2),
        unit: `× (${round(rawCpuMs, 3)} ms each)`,
      },
    ];
    return [
      { metric: 'raw jose ES256 compactVerify (one core)', value: Math.round(raw), unit: 'verifications/s' },
      {
        metric: 'certificates issued through the issuance use case',
        value: CERTIFICATES,
        target: QUICK ? 'quick run' : '≥ 1,000',
        pass: QUICK || CERTIFICATES >= 1000,
      },
      { metric: 'issuance time (2 lanes)', value: round(issueSeconds, 1), unit: 's' },
      {
        metric: 'transparency log: entries integrated, then every answer checked "included"',
        value: integrated.integrated,
        unit: `(tree size ${integrated.treeSize})`,
      },
      {
        metric: 'use case, status cache off (DynamoDB Local every time)',
        value: Math.round(useCaseUncached),
        unit: 'verifications/s',
      },
      { metric: 'use case, production cache (4 s)', value: Math.round(useCaseCached), unit: 'verifications/s' },
      { metric: 'use case (cache off) ÷ raw', value: round(useCaseUncached / raw, 2), unit: '×' },
      ...gatewayRows('page (HTML)', 'page', page, pageRuns, PAGE_TARGET),
      ...gatewayRows('JSON', 'JSON', json, jsonRuns, JSON_TARGET),
      {
        metric: 'status cache hit rate over the gateway runs',
        value: round((100 * hits) / Math.max(1, hits + misses), 1),
        unit: `% (${hits} hits, ${misses} waited for a read)`,
      },
      {
        metric: 'register reads over the gateway runs (on demand + refresh ahead, in batch reads)',
        value: `${misses} + ${refreshes} in ${refreshBatches}`,
        unit: `(${round((misses + refreshBatches) / gatewaySeconds)} calls/s)`,
      },
      { metric: 'response body, page (HTML)', value: pageBytes, unit: 'bytes' },
      { metric: 'response body, JSON', value: jsonBytes, unit: 'bytes' },
      { metric: 'gateway page ÷ raw', value: round(page.rps / raw, 2), unit: '×' },
      { metric: 'gateway JSON ÷ raw', value: round(json.rps / raw, 2), unit: '×' },
      { metric: 'machine load average (1 min) before the gateway runs, 2 cores', value: round(load, 2) },
      {
        metric: 'verify bundle as deployed (minified, AWS SDK inside, map beside; tracing as prod: lambda-only)',
        value: round(bundle.size / 1024, 1),
        unit: 'KiB',
        target: `≤ ${MAX_BUNDLE_KIB} KiB`,
        pass: bundle.size <= MAX_BUNDLE_KIB * 1024,
      },
      {
        metric: `bundle module load, fresh process (median of ${bundle.loadMs.length})`,
        value: round(loadMedian, 1),
        unit: 'ms',
        target: `≤ ${MAX_LOAD_MS} ms`,
        pass: loadMedian <= MAX_LOAD_MS,
      },
      { metric: 'module load runs', value: bundle.loadMs.map((ms) => round(ms)).join(' / '), unit: 'ms' },
    ];
  } finally {
    await runtime.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const benchmark: BenchModule = {
  name: 'verification',
  description: `verify a certificate: raw ES256, the use case on DynamoDB Local, the gateway at ${CONNECTIONS} connections`,
  run,
};
export default benchmark;
