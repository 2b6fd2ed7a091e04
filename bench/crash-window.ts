/**
 * The local durability window: how long after DynamoDB Local acknowledges a write a `kill -9` of its Java process can
 * still lose it, and whether the local runtime's commit barrier closes it (docs/storage.md, "Local durability").
 *
 * Method. DynamoDB Local is started exactly as `npm start` starts it (`-dbPath` on disk, `-sharedDb`). Each trial
 * writes a few warm-up items, then the measured write; when its acknowledgement arrives, the script busy-waits the
 * chosen delay, SIGKILLs the Java process, starts DynamoDB Local again on the same directory and reads the item back
 * (consistent read). The delay actually achieved (acknowledgement → kill) is recorded per trial; the window is the
 * largest achieved gap that still lost a write. Then the same through the API: `POST /v1/certificates`, `kill -9` of
 * Java the moment the `201` is in, restart, look the certificate up — with the runtime's commit barrier off and on.
 *
 * `npm run bench -- crash-window` · `CRASH_TRIALS=12 CRASH_DELAYS_MS=0,5,10,20 npm run bench -- crash-window` ·
 * `BENCH_QUICK=1 …` (fewer trials)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { usccWithCheck } from '../lambdas/domain/uscc';
import { emulatorClientConfig } from '../lib/local/aws-clients';
import { startDynamoDbLocal } from '../lib/local/dynamodb-local';
import { LOCAL_REGION } from '../lib/local/emulators';
import { silentLog } from '../lib/local/log';
import type { RunningEmulator } from '../lib/local/running-emulator';
import { type LocalRuntime, startLocalRuntime } from '../lib/local/runtime';
import type { BenchModule, BenchRow } from './harness';

const QUICK = process.env.BENCH_QUICK === '1';
const TRIALS = Number(process.env.CRASH_TRIALS ?? (QUICK ? 3 : 6));
const DELAYS_MS = (process.env.CRASH_DELAYS_MS ?? '0,2,5,10,15,20,30,50,100').split(',').map(Number);
const API_TRIALS = Number(process.env.CRASH_API_TRIALS ?? (QUICK ? 2 : 4));
const TABLE = 'CrashWindow';

type Write = 'transact' | 'put' | 'transact+barrier';

/** DynamoDB Local on one directory, killed and restarted on demand. */
class Emulator {
  #ddb: RunningEmulator | undefined;
  #client: DynamoDBClient | undefined;
  constructor(private readonly dir: string) {}

  get client(): DynamoDBClient {
    return this.#client as DynamoDBClient;
  }

  async start(): Promise<void> {
    this.#ddb = await startDynamoDbLocal({ port: 0, dbPath: this.dir });
    this.#client = new DynamoDBClient(emulatorClientConfig(this.#ddb.endpoint, LOCAL_REGION));
  }

  /** SIGKILL the Java process now; returns when the guard noticed. */
  async kill(): Promise<number> {
    process.kill(this.#ddb?.pid as number, 'SIGKILL');
    const at = performance.now();
    this.#client?.destroy();
    await this.#ddb?.stop();
    return at;
  }

  stop(): Promise<void> {
    this.#client?.destroy();
    return this.#ddb?.stop() ?? Promise.resolve();
  }
}

interface Trial {
  readonly gapMs: number;
  readonly lost: boolean;
}

let sequence = 0;

async function trial(emulator: Emulator, write: Write, delayMs: number): Promise<Trial> {
  const client = emulator.client;
  for (let i = 0; i < 3; i++) {
    await client.send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: `warm-${sequence++}` } } }));
  }
  const id = `measured-${sequence++}`;
  if (write === 'put') {
    await client.send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: id } } }));
  } else {
    // Three items, like an issuance's head, version and audit event in one transaction.
    await client.send(
      new TransactWriteItemsCommand({
        TransactItems: ['', '#v1', '#audit'].map((suffix) => ({
          Put: { TableName: TABLE, Item: { pk: { S: `${id}${suffix}` } } },
        })),
      }),
    );
    if (write === 'transact+barrier') await client.send(new ListTablesCommand({}));
  }
  const acknowledged = performance.now();
  while (performance.now() < acknowledged + delayMs) {
    // busy-wait: a timer could fire late by more than the delays measured
  }
  const killedAt = await emulator.kill();
  await emulator.start();
  const read = await emulator.client.send(
    new GetItemCommand({ TableName: TABLE, Key: { pk: { S: id } }, ConsistentRead: true }),
  );
  return { gapMs: killedAt - acknowledged, lost: !read.Item };
}

const lostOf = (trials: readonly Trial[]) => `${trials.filter((t) => t.lost).length}/${trials.length}`;
const gaps = (trials: readonly Trial[]) =>
  `${Math.min(...trials.map((t) => t.gapMs)).toFixed(1)}–${Math.max(...trials.map((t) => t.gapMs)).toFixed(1)} ms`;

async function emulatorRows(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'permit-crash-'));
  const emulator = new Emulator(dir);
  const rows: BenchRow[] = [];
  try {
    await emulator.start();
    await emulator.client.send(
      new CreateTableCommand({
        TableName: TABLE,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
    const all: Trial[] = [];
    for (const delay of DELAYS_MS) {
      const trials: Trial[] = [];
      for (let i = 0; i < TRIALS; i++) trials.push(await trial(emulator, 'transact', delay));
      all.push(...trials);
      rows.push({
        metric: `TransactWriteItems, kill -9 +${delay} ms after the ack (achieved ${gaps(trials)}): lost`,
        value: lostOf(trials),
      });
    }
    const losses = all.filter((t) => t.lost);
    rows.push({
      metric: 'loss window: largest ack → kill gap that lost an acknowledged transaction',
      value: losses.length > 0 ? Math.max(...losses.map((t) => t.gapMs)).toFixed(1) : 'none lost',
      unit: losses.length > 0 ? 'ms' : '',
    });
    for (const write of ['put', 'transact+barrier'] as const) {
      const trials: Trial[] = [];
      for (let i = 0; i < TRIALS * 2; i++) trials.push(await trial(emulator, write, 0));
      rows.push({
        metric:
          write === 'put'
            ? `PutItem, kill -9 right after the ack (${gaps(trials)}): lost`
            : `TransactWriteItems, then ListTables (the barrier), kill -9 right after (${gaps(trials)}): lost`,
        value: lostOf(trials),
        ...(write === 'transact+barrier' ? { target: '0', pass: trials.every((t) => !t.lost) } : {}),
      });
    }
  } finally {
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

/** Issue through the API, kill -9 Java at the 201, restart on the same directory; how many were lost. */
async function apiRows(): Promise<BenchRow[]> {
  process.env.LOG_LEVEL = 'ERROR';
  const dataDir = mkdtempSync(join(tmpdir(), 'permit-crash-api-'));
  const rows: BenchRow[] = [];
  let runtime: LocalRuntime | undefined;
  const start = (commitBarrier: boolean, previous?: LocalRuntime) =>
    startLocalRuntime({
      dataDir,
      commitBarrier,
      pollers: false,
      schedules: false,
      log: silentLog(),
      ...(previous
        ? {
            port: previous.ports.gateway,
            emulatorPorts: { dynamodb: previous.ports.dynamodb, s3: previous.ports.s3, sqs: previous.ports.sqs },
          }
        : {}),
    });
  try {
    runtime = await start(false);
    let seed = 0;
    for (const commitBarrier of [false, true]) {
      let lost = 0;
      for (let i = 0; i < API_TRIALS; i++) {
        runtime = await start(commitBarrier, await stopped(runtime));
        seed++;
        const res = await fetch(`${runtime.baseUrl}/v1/certificates`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${runtime.tokens.officer}`,
            'content-type': 'application/json',
            'idempotency-key': `crash-window-${process.pid}-${seed}`,
          },
          body: JSON.stringify({
            enterprise: {
              name: `湖北长江线缆第${seed}有限公司`,
              uscc: usccWithCheck(`914201008${String(seed).padStart(8, '0')}`),
              domicile: '湖北省武汉市东西湖区走马岭街道革新大道88号',
              productionAddresses: ['湖北省武汉市东西湖区走马岭街道革新大道88号'],
            },
            products: ['06-001'],
          }),
        });
        process.kill(runtime.emulators?.dynamodb.pid as number, 'SIGKILL');
        if (res.status !== 201) throw new Error(`issuance answered ${res.status}: ${await res.text()}`);
        const { licenceNoUrlSafe } = (await res.json()) as { licenceNoUrlSafe: string };
        runtime = await start(commitBarrier, await stopped(runtime));
        const found = await fetch(`${runtime.baseUrl}/v1/certificates/${licenceNoUrlSafe}`, {
          headers: { authorization: `Bearer ${runtime.tokens.officer}` },
        });
        if (found.status === 404) lost++;
        else if (found.status !== 200) throw new Error(`look-up answered ${found.status}`);
      }
      rows.push({
        metric: `API: 201, then kill -9 of Java at once — runtime commit barrier ${commitBarrier ? 'on' : 'off'}: lost`,
        value: `${lost}/${API_TRIALS}`,
        ...(commitBarrier ? { target: '0', pass: lost === 0 } : {}),
      });
    }
  } finally {
    await runtime?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}

async function stopped(runtime: LocalRuntime): Promise<LocalRuntime> {
  await runtime.stop();
  return runtime;
}

export default {
  name: 'crash-window',
  description: `acknowledged writes lost to kill -9 of DynamoDB Local (${TRIALS} trials per delay, ${API_TRIALS} through the API)`,
  async run() {
    return [...(await emulatorRows()), ...(await apiRows())];
  },
} satisfies BenchModule;
