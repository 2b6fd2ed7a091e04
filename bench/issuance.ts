/**
 * Issue 4's figure: full issuances per second through `issueCertificate` against the embedded emulators (DynamoDB
 * Local on disk, as `npm start` runs it, and s3rver) — idempotency look-up, serial reservation, signing, rendering, the
 * S3 put and the one-transaction commit — with p50/p99, and render + sign alone from the same run for comparison.
 *
 * Issue 20's: issuance **through HTTP** (`POST /v1/certificates` through the local gateway, 4 concurrent clients) —
 * rate and p50/p99 from outside — and where an issuance's time goes: the use case at the same concurrency with its
 * ports timed per stage (`StageTimer`: the idempotency look-up, the register reads of planning, the serial
 * reservation, the QR signature, the render, the PAdES seal with its timestamp, the S3 put, the commit, the publish;
 * the rest is the use case's own work), each as milliseconds per issuance and its share of an issuance's latency.
 *
 * `npm run bench -- issuance` · `BENCH_QUICK=1 npm run bench -- issuance` (fewer issuances)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PrintableCertificate } from '../lambdas/domain/certificate';
import { usccWithCheck } from '../lambdas/domain/uscc';
import { silentLog } from '../lib/local/log';
import { startLocalRuntime } from '../lib/local/runtime';
import { type BenchModule, type BenchRow, median, percentile, SdkCommandCounter, StageTimer, sample } from './harness';

const QUICK = process.env.BENCH_QUICK === '1';
const SEQUENTIAL = QUICK ? 40 : 150;
const CONCURRENT = QUICK ? 80 : 400;
const CONCURRENCY = 8;
const TARGET_PER_SECOND = 25;
/** Issue 20: through HTTP, 4 clients. */
const HTTP_CLIENTS = 4;
const HTTP_ISSUANCES = QUICK ? 80 : 400;
const HTTP_TARGET_PER_SECOND = 30;
const HTTP_TARGET_P99_MS = 300;
/** HTTP runs; the figures are their medians. */
const HTTP_RUNS = QUICK ? 1 : 3;
const STAGED = QUICK ? 60 : 200;
/** Issue 21 (cost): issuances whose AWS SDK commands and signatures are counted. */
const COUNTED = QUICK ? 20 : 50;

async function run(): Promise<readonly BenchRow[]> {
  process.env.LOG_LEVEL = 'ERROR';
  const dataDir = mkdtempSync(join(tmpdir(), 'permit-bench-issuance-'));
  const runtime = await startLocalRuntime({ dataDir, pollers: false, schedules: false, log: silentLog() });
  try {
    // Modules that read configuration load after the runtime has set the environment (their cold start).
    const { issuanceDeps } = await import('../lambdas/composition/issuance');
    const { issueCertificate } = await import('../lambdas/use-cases/issue-certificate');
    const { signCertificateClaims } = await import('../lambdas/domain/signing/qr-claims');
    const deps = await issuanceDeps();
    let seed = 0;
    const issueOne = async () => {
      seed++;
      await issueCertificate(deps, {
        change: { kind: 'licence', enterprise: enterpriseOf(seed), products: [seed % 2 === 0 ? '06-001' : '05-001'] },
        actor: { type: 'user', id: 'bench-officer', role: 'officer' },
        idempotencyKey: `bench:${process.pid}:${seed}`,
        source: 'bench',
      });
    };

    await sample(20, issueOne); // warm-up: JIT, font subsets, connections
    const sequential = await sample(SEQUENTIAL, issueOne);

    const underLoad: number[] = [];
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < CONCURRENT) {
          next++;
          const t = performance.now();
          await issueOne();
          underLoad.push(performance.now() - t);
        }
      }),
    );
    const perSecond = (CONCURRENT / (performance.now() - started)) * 1000;

    // Render + sign alone, the same certificate content, in the same process and run.
    const signer = await deps.signer();
    const printable = {
      licenceNumber: '(鄂)XK06-001-00001',
      licenceNumberUrlSafe: '42-XK06-001-00001',
      version: 1,
      paperSerial: '20260000001',
      enterpriseName: '湖北长江线缆第1有限公司',
      uscc: usccWithCheck('91420100700000001'),
      domicile: '湖北省武汉市东西湖区走马岭街道革新大道88号',
      productionAddresses: ['湖北省武汉市东西湖区走马岭街道革新大道88号'],
      products: [{ code: 'XK06-001', zh: '电线电缆', en: 'Wires and cables' }],
      issueDate: '2026-11-27',
      validFrom: '2026-11-27',
      validUntil: '2031-11-26',
      issuingAuthority: '湖北省市场监督管理局',
    } as const;
    const renderOnly = await sample(SEQUENTIAL, async () => {
      const { qrText } = await signCertificateClaims(
        {
          licenceNo: printable.licenceNumber,
          version: 1,
          uscc: printable.uscc,
          issueDate: printable.issueDate,
          validUntil: printable.validUntil,
          signedAt: Math.floor(Date.now() / 1000),
        },
        signer,
        runtime.baseUrl,
      );
      await deps.renderer.render(printable as unknown as PrintableCertificate, qrText);
    });

    const httpRuns: { perSecond: number; p50: number; p99: number }[] = [];
    for (let r = 0; r < HTTP_RUNS; r++) {
      const { perSecond, latencies } = await httpIssuance(runtime, r * HTTP_ISSUANCES);
      httpRuns.push({ perSecond, p50: median(latencies), p99: percentile(latencies, 99) });
    }
    const http = {
      perSecond: median(httpRuns.map((r) => r.perSecond)),
      p50: median(httpRuns.map((r) => r.p50)),
      p99: median(httpRuns.map((r) => r.p99)),
    };
    const stages = await stageBreakdown(deps, issueCertificate, () => ++seed);
    const counted = await countedIssuances(deps, issueCertificate, () => ++seed);

    const full = median(sequential);
    return [
      {
        metric: `through HTTP, ${HTTP_CLIENTS} clients (${HTTP_ISSUANCES} issuances, median of ${HTTP_RUNS} runs): issuances/s`,
        value: http.perSecond.toFixed(1),
        unit: `/s (runs: ${httpRuns.map((r) => r.perSecond.toFixed(1)).join(' / ')})`,
        target: `≥ ${HTTP_TARGET_PER_SECOND}`,
        pass: http.perSecond >= HTTP_TARGET_PER_SECOND,
      },
      {
        metric: 'through HTTP: p50 / p99 from outside (medians of the runs)',
        value: `${http.p50.toFixed(1)} / ${http.p99.toFixed(1)}`,
        unit: `ms (p99 runs: ${httpRuns.map((r) => r.p99.toFixed(1)).join(' / ')})`,
        target: `p99 ≤ ${HTTP_TARGET_P99_MS}`,
        pass: http.p99 <= HTTP_TARGET_P99_MS,
      },
      ...stages,
      {
        metric: `issuances/s at concurrency ${CONCURRENCY} (${CONCURRENT} issuances)`,
        value: perSecond.toFixed(1),
        unit: '/s',
        target: `≥ ${TARGET_PER_SECOND}`,
        pass: perSecond >= TARGET_PER_SECOND,
      },
      {
        metric: `latency under load p50 / p99`,
        value: `${median(underLoad).toFixed(1)} / ${percentile(underLoad, 99).toFixed(1)}`,
        unit: 'ms',
      },
      {
        metric: `one at a time p50 / p99 (${SEQUENTIAL} issuances)`,
        value: `${full.toFixed(1)} / ${percentile(sequential, 99).toFixed(1)}`,
        unit: 'ms',
      },
      { metric: 'render + sign only, median (same run)', value: median(renderOnly).toFixed(2), unit: 'ms' },
      {
        metric: 'share of a full issuance spent rendering + signing',
        value: `${((median(renderOnly) / full) * 100).toFixed(0)} %`,
      },
      ...counted,
    ];
  } finally {
    await runtime.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

type IssueFn = typeof import('../lambdas/use-cases/issue-certificate').issueCertificate;
type Deps = Awaited<ReturnType<typeof import('../lambdas/composition/issuance').issuanceDeps>>;

const enterpriseOf = (seed: number) => ({
  name: `湖北长江线缆第${seed}有限公司`,
  uscc: usccWithCheck(`914201007${String(seed).padStart(8, '0')}`),
  domicile: '湖北省武汉市东西湖区走马岭街道革新大道88号',
  productionAddresses: ['湖北省武汉市东西湖区走马岭街道革新大道88号'],
});

/**
 * `POST /v1/certificates` from `HTTP_CLIENTS` loops through the runtime's gateway: the rate and each latency. Seeds
 * from `offset` up, so each run issues to enterprises of its own.
 */
async function httpIssuance(
  runtime: { baseUrl: string; tokens: { officer: string } },
  offset: number,
): Promise<{ perSecond: number; latencies: number[] }> {
  let next = 0;
  const issue = async (seed: number) => {
    const res = await fetch(`${runtime.baseUrl}/v1/certificates`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${runtime.tokens.officer}`,
        'content-type': 'application/json',
        'idempotency-key': `bench-http-${process.pid}-${seed}`,
      },
      body: JSON.stringify({ enterprise: enterpriseOf(500_000 + seed), products: ['06-001'] }),
    });
    if (res.status !== 201) throw new Error(`issuance answered ${res.status}: ${await res.text()}`);
  };
  for (let i = 0; i < 8; i++) await issue(900_000 + offset + i); // warm-up: the handler's cold start, connections
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: HTTP_CLIENTS }, async () => {
      while (next < HTTP_ISSUANCES) {
        const seed = ++next;
        const t = performance.now();
        await issue(offset + seed);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { perSecond: (HTTP_ISSUANCES / (performance.now() - started)) * 1000, latencies };
}

/**
 * Issue 21 (cost): what one issuance asks of AWS, counted on the real SDK clients against the emulators (a middleware
 * on each client) — DynamoDB, S3 and SQS commands with their items — and the signer's `sign` calls (KMS `Sign` in the
 * cloud: the QR claims and the PDF's CMS signature), over `COUNTED` issuances one at a time. The queue workers that
 * follow (dispatch, the log, the status list) do not run here: their work is counted in the cost model from the code.
 */
async function countedIssuances(deps: Deps, issueCertificate: IssueFn, nextSeed: () => number): Promise<BenchRow[]> {
  const { dynamoClient, s3Client, sqsClient } = await import('../lambdas/shared/clients');
  const sdk = new SdkCommandCounter([dynamoClient(), s3Client(), sqsClient()]);
  const signer = await deps.signer();
  let signs = 0;
  const counting: Deps = {
    ...deps,
    signer: async () =>
      new Proxy(signer, {
        get: (object, key, receiver) => {
          const value = Reflect.get(object, key, receiver);
          if (key !== 'sign' || typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            signs++;
            return value.apply(object, args);
          };
        },
      }),
  };
  sdk.reset();
  for (let i = 0; i < COUNTED; i++) {
    const seed = nextSeed();
    await issueCertificate(counting, {
      change: { kind: 'licence', enterprise: enterpriseOf(seed), products: ['06-001'] },
      actor: { type: 'user', id: 'bench-officer', role: 'officer' },
      idempotencyKey: `bench-counted:${process.pid}:${seed}`,
      source: 'bench',
    });
  }
  return [
    { metric: `per issuance (${COUNTED} counted): signer sign calls`, value: signs / COUNTED, unit: 'calls' },
    ...sdk.rows(`per issuance (${COUNTED} counted): SDK`, COUNTED),
  ];
}

/** The use case at `HTTP_CLIENTS` concurrency with its ports timed per stage: one row per stage, largest first. */
async function stageBreakdown(deps: Deps, issueCertificate: IssueFn, nextSeed: () => number): Promise<BenchRow[]> {
  const timer = new StageTimer();
  const signer = await deps.signer();
  const timed: Deps = {
    ...deps,
    repository: timer.wrap(deps.repository, {
      findIdempotency: 'idempotency look-up',
      findIdempotencyState: 'idempotency look-up',
      get: 'planning: register reads',
      guardOf: 'planning: register reads',
      reserveSerials: 'serial reservation',
      commitIssuance: 'commit (one DynamoDB transaction)',
    }),
    signer: async () => timer.wrap(signer, { sign: 'QR claims signature' }),
    renderer: timer.wrap(deps.renderer, { render: 'render (PDF, QR)' }),
    sealer: timer.wrap(deps.sealer, { seal: 'PAdES seal (CMS signature, TSA timestamp)' }),
    pdfs: timer.wrap(deps.pdfs, { put: 'S3 put' }),
    publisher: timer.wrap(deps.publisher, { publish: 'publish (SQS, after the commit)' }),
  };
  let issued = 0;
  let latencySum = 0;
  await Promise.all(
    Array.from({ length: HTTP_CLIENTS }, async () => {
      while (issued < STAGED) {
        issued++;
        const seed = nextSeed();
        const t = performance.now();
        await issueCertificate(timed, {
          change: { kind: 'licence', enterprise: enterpriseOf(seed), products: ['06-001'] },
          actor: { type: 'user', id: 'bench-officer', role: 'officer' },
          idempotencyKey: `bench-staged:${process.pid}:${seed}`,
          source: 'bench',
        });
        latencySum += performance.now() - t;
      }
    }),
  );
  const perIssuance = latencySum / STAGED;
  const rows = [...timer.totals()].map(([stage, total]) => ({ stage, ms: total / STAGED }));
  const rest = perIssuance - rows.reduce((n, r) => n + r.ms, 0);
  return [
    {
      metric: `stages, use case at concurrency ${HTTP_CLIENTS} (${STAGED} issuances): latency per issuance`,
      value: perIssuance.toFixed(1),
      unit: 'ms',
    },
    ...rows
      .sort((a, b) => b.ms - a.ms)
      .map((r) => ({
        metric: `  ${r.stage}`,
        value: `${r.ms.toFixed(1)} ms  ${((r.ms / perIssuance) * 100).toFixed(0)} %`,
      })),
    // The idempotency look-up and planning's reads run side by side: the stages add up to more than the latency.
    rest >= 0
      ? { metric: '  the use case’s own work (hashing, records, waiting)', value: `${rest.toFixed(1)} ms` }
      : { metric: '  overlap (the look-up and planning side by side)', value: `${(-rest).toFixed(1)} ms saved` },
  ];
}

export default {
  name: 'issuance',
  description: 'full issuances through the use case against the emulators, with the render-only figure',
  run,
} satisfies BenchModule;
