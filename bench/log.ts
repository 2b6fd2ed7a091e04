/**
 * The transparency log's figures (`npm run bench -- log`; `BENCH_QUICK=1` or `--quick` for a smoke run of 1,000
 * entries, one run, 5 s gateway runs). Each figure is the median of 3 runs:
 *
 * 1. **Integrating a backlog** (target ≤ 30 s for 10,000 entries): the local runtime as `npm start` runs it (DynamoDB
 *    Local on disk, s3rver; pollers off). Each run writes a fresh backlog on the same growing log — issuance entries
 *    (`issuanceLogEntry` + `logEntryParts`, the pending entry and its outbox message) in transactions of 50 events
 *    (100 items), untimed — then times `integrateLog(sequencerDeps())` until it has integrated them all (one call
 *    should), and checks that the published checkpoint grew by exactly the backlog. Where the time went (busy time per
 *    store, publication and outbox call) is printed beside it.
 * 2. **An inclusion proof** (target ≤ 1 ms): `inclusionProofFromTiles` on a 10,000-entry tree whose tiles sit in a
 *    Map, and `versionInclusion` with a warm `CachedLogReader` and a cold proof cache (medians over random indices);
 *    baseline `merkle.inclusionProof` over the full leaf list.
 * 3. **Verification throughput with proofs** (target ≥ 90 % of the same without): ≥ 1,000 certificates issued
 *    through the issuance use case and integrated into the log, then the QR URL as JSON through the local gateway, 50
 *    connections, runs alternating between a gateway whose verify function has its log deps (the default) and one
 *    started with `TRANSPARENCY_PROOFS=off` (`lambdas/composition/verify.ts`). One runtime per process — handlers keep
 *    the configuration of their cold start — so both gateways run in child processes of their own on this run's
 *    emulators, alike but for that switch. A sample of the "on" answers must all be `log.state === 'included'`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ManualClock } from '../lambdas/adapters/clock/manual-clock';
import { CachedLogReader } from '../lambdas/adapters/log-reader-cache';
import { LicenceNumber } from '../lambdas/domain/licence-number';
import { encodeEntry } from '../lambdas/domain/transparency/entries';
import { equalHashes, type Hash, inclusionProof, leafHash, rootOf } from '../lambdas/domain/transparency/merkle';
import { inclusionProofFromTiles } from '../lambdas/domain/transparency/tile-proofs';
import { tileFromLevels, tileLevels, tilePath, tilesForTreeSize } from '../lambdas/domain/transparency/tiles';
import { usccWithCheck } from '../lambdas/domain/uscc';
import type { EntryLocation, LogReader } from '../lambdas/ports/log-store';
import { issuanceLogEntry, logEntryParts } from '../lambdas/use-cases/transparency/log-entries';
import type { LocalRuntime, LocalRuntimeOptions } from '../lib/local/runtime';
import { type BenchModule, type BenchRow, type CannonResult, cannon, median, percentile, REPO, round } from './harness';

const QUICK = process.env.BENCH_QUICK === '1' || process.argv.includes('--quick');
const INTEGRATE_TARGET_S_PER_10K = 30;
const PROOF_TARGET_MS = 1;
const THROUGHPUT_TARGET_RATIO = 0.9;
/** Events per backlog transaction: a pending entry and its outbox message each, 100 items (DynamoDB's most). */
const EVENTS_PER_TRANSACTION = 50;
const WRITE_CONCURRENCY = 8;
/** Versions the backlog's entries claim (100 + run): keys no issued certificate has. */
const BACKLOG_VERSION = 100;

/**
 * The sizes of one bench run.
 *
 * @example
 * await runLogBench({ entries: 10_000, runs: 3, proofTreeSize: 10_000, proofSamples: 1000, baselineSamples: 200,
 *   certificates: 1000, gatewaySeconds: 15, connections: 50, answersChecked: 200 });
 */
export interface LogBenchOptions {
  /** Entries in each run's backlog. */
  readonly entries: number;
  /** Runs of each measurement (the rows print their medians). */
  readonly runs: number;
  /** Leaves of the tree the proofs are made on. */
  readonly proofTreeSize: number;
  /** Random indices the proofs from tiles and `versionInclusion` are timed on. */
  readonly proofSamples: number;
  /** Random indices the baseline (`inclusionProof` over every leaf, O(n) each) is timed on. */
  readonly baselineSamples: number;
  /** Certificates issued (and integrated into the log) before the gateway runs. */
  readonly certificates: number;
  /** Length of each gateway run. */
  readonly gatewaySeconds: number;
  readonly connections: number;
  /** JSON answers of the "on" gateway checked for `log.state === 'included'`. */
  readonly answersChecked: number;
  /** Runtime options over the bench's own (tests: the shared emulators and a resource suffix). */
  readonly runtime?: Partial<LocalRuntimeOptions>;
}

/** The sizes `npm run bench -- log` uses (`quick`: the smoke run). */
export const logBenchOptions = (quick: boolean): LogBenchOptions => ({
  entries: quick ? 1000 : 10_000,
  runs: quick ? 1 : 3,
  proofTreeSize: 10_000,
  proofSamples: quick ? 200 : 1000,
  baselineSamples: quick ? 20 : 200,
  certificates: quick ? 100 : 1000,
  gatewaySeconds: quick ? 5 : 15,
  connections: 50,
  answersChecked: quick ? 50 : 200,
});

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const randomIndices = (count: number, below: number): number[] =>
  Array.from({ length: count }, () => Math.floor(Math.random() * below));
const timeMs = (fn: () => unknown): number => {
  const start = performance.now();
  fn();
  return performance.now() - start;
};

/** A synthetic issuance entry: the `i`-th licence of the bench, at `version`, with a QR record of its own. */
function benchEntry(i: number, version: number, at: Date) {
  const licenceNo = LicenceNumber.parse(`(鄂)XK13-001-${String((i % 99_999) + 1).padStart(5, '0')}`);
  const jws = `bench.jws.${version}.${i}`;
  const logged = issuanceLogEntry({
    licenceNo,
    version,
    jws,
    pdfSha256: sha256Hex(`bench.pdf.${version}.${i}`),
    kid: 'bench-key',
    at: at.toISOString(),
  });
  return { ...logged, licenceNo, version, jws };
}

// ---------------------------------------------------------------------------------------------------------------
// 2. Inclusion proofs (CPU only: measured before the runtime starts)

async function proofRows(options: LogBenchOptions): Promise<BenchRow[]> {
  const { versionInclusion } = await import('../lambdas/use-cases/transparency/inclusion');
  const n = options.proofTreeSize;
  const at = new Date('2026-12-05T02:00:00.000Z');
  const entries = Array.from({ length: n }, (_, i) => benchEntry(i, 1, at));
  const encoded = entries.map((e) => encodeEntry(e.entry));
  const leaves = encoded.map(leafHash);
  const levels = tileLevels(leaves);
  const tiles = new Map(tilesForTreeSize(n).map((t) => [tilePath(t), tileFromLevels(levels, t)]));
  const getTile = (t: Parameters<typeof tilePath>[0]) => tiles.get(tilePath(t));
  const root = rootOf(leaves);

  // The proofs from tiles equal the reference's (checked once, outside the timing).
  for (const index of randomIndices(20, n)) {
    const a = inclusionProofFromTiles(index, n, getTile);
    const b = inclusionProof(leaves, index);
    if (a.length !== b.length || a.some((h, i) => !equalHashes(h, b[i] as Hash))) {
      throw new Error(`the proof from tiles of leaf ${index} differs from merkle.inclusionProof`);
    }
  }
  const medianOver = (indices: readonly number[], fn: (index: number) => unknown): number => {
    for (const index of indices.slice(0, 100)) fn(index); // warm-up: JIT
    return median(indices.map((index) => timeMs(() => fn(index))));
  };
  const fromTiles = medianOver(randomIndices(options.proofSamples, n), (i) => inclusionProofFromTiles(i, n, getTile));
  const baseline = medianOver(randomIndices(options.baselineSamples, n), (i) => inclusionProof(leaves, i));

  // versionInclusion: a CachedLogReader over this tree, warmed on every sampled version; a cold proof cache each call.
  const source: LogReader = {
    head: async () => ({
      sequenced: n,
      checkpoint: { treeSize: n, root, note: 'bench checkpoint', publishedAt: at.toISOString() },
    }),
    locate: async (key) => locations.get(key),
    tiles: async (coordinates) =>
      new Map(coordinates.flatMap((c) => (tiles.has(tilePath(c)) ? [[tilePath(c), getTile(c) as Uint8Array]] : []))),
  };
  const locations = new Map<string, EntryLocation>(
    entries.map((e, index) => [e.key, { index, entry: encoded[index] as Uint8Array }]),
  );
  const clock = new ManualClock(at); // stands still: the reader's head stays warm
  const reader = new CachedLogReader(source, clock);
  const sampled = randomIndices(options.proofSamples, n);
  const issuedOf = (index: number) => {
    const e = entries[index] as (typeof entries)[number];
    return { licenceNo: e.licenceNo, version: e.version, jws: e.jws, issuedAt: at.toISOString() };
  };
  for (const index of sampled) {
    const warm = await versionInclusion({ log: reader, clock }, issuedOf(index));
    if (warm.state !== 'included') throw new Error(`leaf ${index} is ${warm.state}, not included`);
  }
  const inclusionMs: number[] = [];
  for (const index of sampled) {
    const start = performance.now();
    await versionInclusion({ log: reader, clock, answers: new Map() }, issuedOf(index));
    inclusionMs.push(performance.now() - start);
  }
  const inclusion = median(inclusionMs);
  const tree = `${n.toLocaleString('en')}-entry tree`;
  return [
    {
      metric: `inclusionProofFromTiles, ${tree}, tiles in a Map (median of ${options.proofSamples} random leaves)`,
      value: round(fromTiles * 1000, 1),
      unit: 'µs',
      target: `≤ ${PROOF_TARGET_MS} ms`,
      pass: fromTiles <= PROOF_TARGET_MS,
    },
    {
      metric: `versionInclusion, warm CachedLogReader, cold proof cache (median of ${options.proofSamples})`,
      value: round(inclusion * 1000, 1),
      unit: `µs (p99 ${round(percentile(inclusionMs, 99) * 1000, 1)} µs)`,
      target: `≤ ${PROOF_TARGET_MS} ms`,
      pass: inclusion <= PROOF_TARGET_MS,
    },
    {
      metric: `baseline: merkle.inclusionProof over all ${n.toLocaleString('en')} leaves (median of ${options.baselineSamples})`,
      value: round(baseline * 1000, 1),
      unit: 'µs',
    },
    { metric: 'proof from tiles ÷ baseline', value: round(fromTiles / baseline, 4), unit: '×' },
    { metric: 'versionInclusion ÷ baseline', value: round(inclusion / baseline, 4), unit: '×' },
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// 1. Integrating a backlog

/** Busy time (wall time with at least one call in flight) and calls, per instrumented method. */
class Spans {
  readonly #spans = new Map<string, { busyMs: number; calls: number; active: number; since: number }>();

  /** `target` with each of `methods` timed under `${label}.${method}`. */
  wrap<T extends object>(label: string, target: T, methods: readonly (keyof T & string)[]): T {
    const wrapped = Object.create(target) as T;
    for (const method of methods) {
      const original = target[method] as unknown as (...args: unknown[]) => Promise<unknown>;
      (wrapped as Record<string, unknown>)[method] = async (...args: unknown[]) => {
        const span = this.#enter(`${label}.${method}`);
        try {
          return await original.apply(target, args);
        } finally {
          this.#leave(span);
        }
      };
    }
    return wrapped;
  }

  reset(): void {
    this.#spans.clear();
  }

  entries(): [string, { busyMs: number; calls: number }][] {
    return [...this.#spans].sort((a, b) => b[1].busyMs - a[1].busyMs);
  }

  #enter(name: string) {
    const span = this.#spans.get(name) ?? { busyMs: 0, calls: 0, active: 0, since: 0 };
    this.#spans.set(name, span);
    span.calls++;
    if (span.active++ === 0) span.since = performance.now();
    return span;
  }

  #leave(span: { busyMs: number; active: number; since: number }): void {
    if (--span.active === 0) span.busyMs += performance.now() - span.since;
  }
}

async function integrationRows(options: LogBenchOptions): Promise<BenchRow[]> {
  const { integrateLog } = await import('../lambdas/use-cases/transparency/sequencer');
  const { logPublication, logStore, sequencerDeps } = await import('../lambdas/composition/transparency-log');
  const { transactItemsOf } = await import('../lambdas/adapters/dynamo/transaction-parts');
  const { dynamoClient } = await import('../lambdas/shared/clients');
  const { config } = await import('../lambdas/shared/config');
  const table = config().tableName;
  const dynamo = dynamoClient();
  const spans = new Spans();
  const deps = sequencerDeps({
    store: spans.wrap('store', logStore(), [
      'head',
      'pending',
      'sequence',
      'sequencedRange',
      'tiles',
      'putTiles',
      'publish',
    ]),
    publication: spans.wrap('publication', logPublication(), ['put']),
  });
  const treeSize = async () => (await logStore().head()).checkpoint?.treeSize ?? 0;
  // Anything left pending from before (none on a fresh runtime) is integrated first, so each run times its own.
  await integrateLog(deps);

  const seconds: number[] = [];
  const writeSeconds: number[] = [];
  const grew: number[] = [];
  const calls: number[] = [];
  const breakdowns: [string, { busyMs: number; calls: number }][][] = [];
  for (let run = 0; run < options.runs; run++) {
    const writeStart = performance.now();
    const at0 = Date.now() - options.entries;
    const events = Array.from({ length: options.entries }, (_, i) => {
      const at = new Date(at0 + i);
      const { key, entry } = benchEntry(i, BACKLOG_VERSION + run, at);
      return logEntryParts(key, entry, at).parts;
    });
    const transactions: (typeof events)[] = [];
    for (let i = 0; i < events.length; i += EVENTS_PER_TRANSACTION) {
      transactions.push(events.slice(i, i + EVENTS_PER_TRANSACTION));
    }
    let next = 0;
    await Promise.all(
      Array.from({ length: WRITE_CONCURRENCY }, async () => {
        while (next < transactions.length) {
          const batch = transactions[next++] as typeof events;
          const TransactItems = batch.flatMap((parts) => parts.flatMap((part) => transactItemsOf(table, part)));
          await dynamo.send(new TransactWriteCommand({ TransactItems }));
        }
      }),
    );
    writeSeconds.push((performance.now() - writeStart) / 1000);

    const before = await treeSize();
    spans.reset();
    let integrated = 0;
    let rounds = 0;
    const start = performance.now();
    while (integrated < options.entries && rounds < 10) {
      integrated += (await integrateLog(deps)).integrated;
      rounds++;
    }
    seconds.push((performance.now() - start) / 1000);
    breakdowns.push(spans.entries());
    if (integrated !== options.entries) {
      throw new Error(`run ${run}: integrated ${integrated} of ${options.entries} entries in ${rounds} calls`);
    }
    grew.push((await treeSize()) - before);
    calls.push(rounds);
  }

  const s = median(seconds);
  const targetS = (INTEGRATE_TARGET_S_PER_10K * options.entries) / 10_000;
  const exact = grew.every((g) => g === options.entries);
  const runIndex = seconds.indexOf(s);
  const breakdown = breakdowns[runIndex] ?? [];
  const busy = breakdown.reduce((sum, [, b]) => sum + b.busyMs, 0);
  const backlog = `${options.entries.toLocaleString('en')} entries`;
  return [
    {
      metric: `integrateLog(sequencerDeps()) of a backlog of ${backlog} (median of ${options.runs})`,
      value: round(s, 2),
      unit: 's',
      target: `≤ ${round(targetS, 1)} s`,
      pass: s <= targetS && exact,
    },
    { metric: 'runs', value: seconds.map((x) => round(x, 2)).join(' / '), unit: 's' },
    { metric: 'entries integrated per second', value: Math.round(options.entries / s), unit: '/s' },
    {
      metric: 'published checkpoint grew by (each run)',
      value: grew.join(' / '),
      target: `= ${options.entries}`,
      pass: exact,
    },
    { metric: 'integrateLog calls per backlog', value: calls.join(' / ') },
    { metric: 'checkpoint size after the runs', value: await treeSize() },
    {
      metric: `backlog writes (untimed; transactions of ${EVENTS_PER_TRANSACTION} events, ${WRITE_CONCURRENCY} at once)`,
      value: Math.round(options.entries / median(writeSeconds)),
      unit: 'entries/s',
    },
    ...breakdown.map(
      ([name, b]): BenchRow => ({
        metric: `  busy in ${name} (median run)`,
        value: round(b.busyMs / 1000, 2),
        unit: `s, ${b.calls} calls (${round((100 * b.busyMs) / 1000 / s, 1)} %)`,
      }),
    ),
    {
      metric: '  the rest: extendTiles, leaf hashes, signing, bundles (median run)',
      value: round(s - busy / 1000, 2),
      unit: 's',
    },
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// 3. Verification throughput with and without proofs

/** A runtime in a child process on the given emulators (its own handlers and cold start); stopped by `stop()`. */
interface ChildGateway {
  readonly baseUrl: string;
  stop(): Promise<void>;
}

const CHILD_SCRIPT = `
  const { startLocalRuntime } = await import(${JSON.stringify(`${REPO}lib/local/runtime.ts`)});
  const { silentLog } = await import(${JSON.stringify(`${REPO}lib/local/log.ts`)});
  const runtime = await startLocalRuntime({ ...JSON.parse(process.argv[1]), log: silentLog() });
  console.log(JSON.stringify({ baseUrl: runtime.baseUrl }));
  process.stdin.on('end', () => runtime.stop().then(() => process.exit(0), () => process.exit(1)));
  process.stdin.resume();`;

function startChildGateway(
  runtime: LocalRuntime,
  options: LogBenchOptions,
  dataDir: string,
  proofs: 'on' | 'off',
): Promise<ChildGateway> {
  const runtimeOptions = {
    dataDir,
    port: 0,
    emulators: runtime.endpoints,
    pollers: false,
    schedules: false,
    ...(options.runtime?.resourceSuffix ? { resourceSuffix: options.runtime.resourceSuffix } : {}),
  };
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', CHILD_SCRIPT, JSON.stringify(runtimeOptions)],
    {
      cwd: REPO,
      env: {
        ...process.env,
        TRANSPARENCY_PROOFS: proofs,
        LOG_LEVEL: 'ERROR',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    child.stdin?.end();
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(killer);
  };
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (c: Buffer) => {
      err += c.toString();
    });
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n').find((l) => l.startsWith('{"baseUrl"'));
      if (line) resolve({ baseUrl: (JSON.parse(line) as { baseUrl: string }).baseUrl, stop });
    });
    void exited.then(() => reject(new Error(`the ${proofs} gateway exited before it listened: ${err}`)));
  });
}

async function throughputRows(runtime: LocalRuntime, options: LogBenchOptions, dataDir: string): Promise<BenchRow[]> {
  const { issuanceDeps } = await import('../lambdas/composition/issuance');
  const { issueCertificate } = await import('../lambdas/use-cases/issue-certificate');
  const { integrateLog } = await import('../lambdas/use-cases/transparency/sequencer');
  const { sequencerDeps } = await import('../lambdas/composition/transparency-log');
  const deps = await issuanceDeps();
  const payloads: string[] = [];
  const issueStart = performance.now();
  await Promise.all(
    [0, 1].map(async (lane) => {
      for (let i = lane; i < options.certificates; i += 2) {
        const issued = await issueCertificate(deps, {
          change: {
            kind: 'licence',
            enterprise: {
              name: `湖北透明日志基准线缆第${i}有限公司`,
              uscc: usccWithCheck(`914201008${String(10_000_000 + i).padStart(8, '0')}`),
              domicile: '湖北省武汉市东西湖区走马岭街道革新大道88号',
              productionAddresses: ['湖北省武汉市东西湖区走马岭街道革新大道88号'],
            },
            products: ['06-001'],
          },
          actor: { type: 'system', id: 'bench' },
          idempotencyKey: `bench-log-${i}`,
          source: 'bench',
        });
        payloads[i] = issued.version.qrText.slice(issued.version.qrText.lastIndexOf('/v/') + 3);
      }
    }),
  );
  const issueSeconds = (performance.now() - issueStart) / 1000;
  let integrated = 0;
  for (let attempt = 0; attempt < 10; attempt++) {
    const step = (await integrateLog(sequencerDeps())).integrated;
    if (step === 0) break;
    integrated += step;
  }

  const gateways = await Promise.all([
    startChildGateway(runtime, options, dataDir, 'on'),
    startChildGateway(runtime, options, dataDir, 'off'),
  ]);
  const [on, off] = gateways as [ChildGateway, ChildGateway];
  try {
    const paths = payloads.map((p) => `/v/${p}`);
    const json = 'application/json';
    // Warm-up of each: JIT, connections, status cache, the log reader's locations, tiles and proofs.
    await cannon(on.baseUrl, paths, Math.min(3, options.gatewaySeconds), 10, json);
    await cannon(off.baseUrl, paths, Math.min(3, options.gatewaySeconds), 10, json);
    const load = loadavg()[0] as number;
    const onRuns: CannonResult[] = [];
    const offRuns: CannonResult[] = [];
    for (let run = 0; run < options.runs; run++) {
      onRuns.push(await cannon(on.baseUrl, paths, options.gatewaySeconds, options.connections, json));
      offRuns.push(await cannon(off.baseUrl, paths, options.gatewaySeconds, options.connections, json));
    }

    // A sample of answers: with proofs every one included; without, none carries the log.
    const sample = randomIndices(options.answersChecked, paths.length).map((i) => paths[i] as string);
    const answers = async (base: string) =>
      Promise.all(
        sample.map(async (path) => {
          const res = await fetch(`${base}${path}`, { headers: { accept: json } });
          return (await res.json()) as { verdict?: string; log?: { state?: string } };
        }),
      );
    const onAnswers = await answers(on.baseUrl);
    const offAnswers = await answers(off.baseUrl);
    const included = onAnswers.filter((a) => a.verdict === 'valid' && a.log?.state === 'included').length;
    const withoutLog = offAnswers.filter((a) => a.verdict === 'valid' && a.log === undefined).length;

    const rps = (runs: readonly CannonResult[]) => median(runs.map((r) => r.requests.average));
    const p99 = (runs: readonly CannonResult[]) => median(runs.map((r) => r.latency.p99));
    const failures = (runs: readonly CannonResult[]) =>
      runs.reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0);
    const ratio = rps(onRuns) / rps(offRuns);
    const shape = `${options.connections} conns × ${options.gatewaySeconds} s, median of ${options.runs}`;
    return [
      {
        metric: 'certificates issued and integrated into the log',
        value: `${options.certificates} / ${integrated}`,
        unit: `(issued in ${round(issueSeconds, 1)} s)`,
        target: `${options.certificates} / ${options.certificates}`,
        pass: integrated === options.certificates,
      },
      {
        metric: `gateway JSON, proofs on (${shape})`,
        value: Math.round(rps(onRuns)),
        unit: 'req/s',
      },
      {
        metric: `baseline: gateway JSON, TRANSPARENCY_PROOFS=off (${shape})`,
        value: Math.round(rps(offRuns)),
        unit: 'req/s',
      },
      {
        metric: 'proofs on ÷ off',
        value: round(ratio, 3),
        unit: '×',
        target: `≥ ${THROUGHPUT_TARGET_RATIO}`,
        pass: ratio >= THROUGHPUT_TARGET_RATIO,
      },
      {
        metric: 'runs on / off',
        value: `${onRuns.map((r) => Math.round(r.requests.average)).join(' ')} / ${offRuns.map((r) => Math.round(r.requests.average)).join(' ')}`,
        unit: 'req/s',
      },
      { metric: 'p99 proofs on / off (median of the runs)', value: `${p99(onRuns)} / ${p99(offRuns)}`, unit: 'ms' },
      {
        metric: 'requests on / off, non-2xx+errors+timeouts',
        value: `${onRuns.reduce((s, r) => s + r.requests.total, 0)} / ${offRuns.reduce((s, r) => s + r.requests.total, 0)}, ${failures(onRuns) + failures(offRuns)}`,
        target: '0 failures',
        pass: failures(onRuns) + failures(offRuns) === 0,
      },
      {
        metric: `sampled "on" answers valid with log.state 'included'`,
        value: `${included} / ${sample.length}`,
        target: `${sample.length} / ${sample.length}`,
        pass: included === sample.length,
      },
      {
        metric: 'sampled "off" answers valid without a log',
        value: `${withoutLog} / ${sample.length}`,
        target: `${sample.length} / ${sample.length}`,
        pass: withoutLog === sample.length,
      },
      { metric: 'machine load average (1 min) before the gateway runs, 2 cores', value: round(load, 2) },
    ];
  } finally {
    await Promise.all(gateways.map((g) => g.stop()));
  }
}

/**
 * All three measurements: proofs first (CPU only), then a local runtime (DynamoDB Local on disk unless
 * `options.runtime` says otherwise) for the backlog runs and the gateway runs.
 *
 * @example
 * const rows = await runLogBench(logBenchOptions(true));
 */
export async function runLogBench(options: LogBenchOptions): Promise<BenchRow[]> {
  const proofs = await proofRows(options);
  process.env.LOG_LEVEL ??= 'ERROR';
  // Loaded after the log level is set: the runtime's modules create the logger (their cold start).
  const { startLocalRuntime } = await import('../lib/local/runtime');
  const { silentLog } = await import('../lib/local/log');
  const dataDir = options.runtime?.dataDir ?? mkdtempSync(join(tmpdir(), 'permit-bench-log-'));
  const runtime = await startLocalRuntime({
    pollers: false,
    schedules: false,
    log: silentLog(),
    ...options.runtime,
    dataDir,
  });
  try {
    const integration = await integrationRows(options);
    const throughput = await throughputRows(runtime, options, dataDir);
    return [...integration, ...proofs, ...throughput];
  } finally {
    await runtime.stop();
    if (!options.runtime?.dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

const options = logBenchOptions(QUICK);

export default {
  name: 'log',
  description:
    `transparency log: a ${options.entries.toLocaleString('en')}-entry backlog integrated, inclusion proofs, ` +
    `verification throughput with proofs on and off (${options.connections} connections)`,
  run: () => runLogBench(options),
} satisfies BenchModule;
