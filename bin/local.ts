/**
 * `npm start`: Permit on this machine — DynamoDB Local, s3rver and fauxqs behind an API Gateway-like HTTP gateway,
 * with queue pollers and a local token issuer. Data lives in ./.permit (DynamoDB and S3 survive restarts).
 *
 * Settings (environment): PORT (gateway, default 3000), DYNAMODB_PORT, S3_PORT, SQS_PORT (default: free ports),
 * CARRIER_PORT and WEBHOOKS_PORT (the sandbox carrier and webhook receiver; default free ports — fix WEBHOOKS_PORT to
 * keep registered hook URLs across restarts), PERMIT_DATA_DIR (default ./.permit), PUBLIC_BASE_URL (links and QR
 * codes; default the gateway URL), PERMIT_CLOCK (start the clock at this instant, e.g. 2026-02-10T09:00:00+08:00, and
 * let it run; see `lib/local/clock.ts`).
 */
import { join, resolve } from 'node:path';
import { parseInstant, shanghaiInstant } from '../lambdas/domain/instants';
import { LOCAL_CLOCK_PATH } from '../lib/local/clock-route';
import { DEMO_PASSWORDS, DEMO_USERS, type DemoUser } from '../lib/local/demo-users';
import { LocalRuntimeError } from '../lib/local/errors';
import { LOCAL_IDP_PATHS } from '../lib/local/identity';
import { consoleLog } from '../lib/local/log';
import { parsePort } from '../lib/local/ports';
import { type LocalRuntime, startLocalRuntime } from '../lib/local/runtime';

const log = consoleLog();
let runtime: LocalRuntime | undefined;
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (stopping) process.exit(code); // A second Ctrl-C: leave now (the guard still stops Java).
  stopping = true;
  log.info('stopping…');
  const forced = setTimeout(() => process.exit(code), 10_000);
  forced.unref();
  await runtime?.stop().catch((error: unknown) => log.error('stop failed', { error }));
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(0));

// npm runs scripts under `sh -c`; when npm itself is killed it signals only that shell, which dies without passing
// the signal on. We notice by being re-parented and stop as if told to. (This needs us to be the shell's child, i.e.
// a start script of `node --import tsx bin/local.ts`; the `tsx` CLI wrapper would stay alive in between.)
const parentAtStart = process.ppid;
setInterval(() => {
  if (process.ppid !== parentAtStart) {
    log.warn('parent process exited; stopping');
    void shutdown(0);
  }
}, 1_000).unref();
process.on('uncaughtException', (error) => {
  log.error('uncaught exception', { error });
  void shutdown(1);
});
process.on('unhandledRejection', (error) => {
  log.error('unhandled rejection', { error });
  void shutdown(1);
});

function banner(rt: LocalRuntime, dataDir: string, seconds: number): string {
  const token = (user: keyof typeof DEMO_USERS) => `export PERMIT_${user.toUpperCase()}_TOKEN='${rt.tokens[user]}'`;
  const enterprise = DEMO_USERS.enterprise;
  // The console's callback is registered under the public base URL: browse there.
  const consoleUrl = `${rt.env.PUBLIC_BASE_URL || rt.baseUrl}/console`;
  const people = (Object.keys(DEMO_PASSWORDS) as DemoUser[]).map(
    (u) =>
      `    ${u.padEnd(12)} ${DEMO_PASSWORDS[u].padEnd(17)} ${DEMO_USERS[u].roles.join(', ')}` +
      `${DEMO_USERS[u].uscc ? ` ${DEMO_USERS[u].uscc}` : ''} ${DEMO_USERS[u].name ?? ''}`,
  );
  return [
    '',
    `Permit is running at ${rt.baseUrl} (ready in ${seconds.toFixed(1)} s)`,
    '',
    `  Console    ${consoleUrl}  (sign in on the local identity provider's login page; 中文 / English, 大字模式)`,
    `    user         password          role`,
    ...people,
    '',
    `  Health     ${rt.baseUrl}/health`,
    `  OpenAPI    ${rt.baseUrl}/openapi.json`,
    `  JWKS       ${rt.baseUrl}${LOCAL_IDP_PATHS.jwks}`,
    `  Data       ${dataDir}  (DynamoDB and S3 persist across restarts; SQS messages do not)`,
    `  Emulators  DynamoDB ${rt.endpoints.dynamodb} · S3 ${rt.endpoints.s3} · SQS ${rt.endpoints.sqs}`,
    ...(rt.clock
      ? [
          `  Clock      ${shanghaiInstant(rt.clock.now())}  (PERMIT_CLOCK=${shanghaiInstant(rt.clock.start)}, running; ` +
            'tokens use real time)',
          `             forward: curl -X POST ${rt.baseUrl}${LOCAL_CLOCK_PATH} -H "authorization: Bearer $PERMIT_ADMIN_TOKEN" ` +
            `-d '{"advance":"P3D"}'`,
        ]
      : []),
    `  Carrier    ${rt.carrier.url}  (sandbox; controls: GET /_sandbox/stats, POST /_sandbox/faults, ` +
      'POST /_sandbox/waybills/{no}/events — docs/carrier-api.md)',
    `  Webhooks   ${rt.webhookReceiver.url}  (sandbox receiver; PUT /_sandbox/receivers/{name}, then register ` +
      `${rt.webhookReceiver.hookUrl('{name}')} — docs/webhooks.md)`,
    `  TSA        ${rt.tsa.url}  (local RFC 3161 timestamps for PDF signatures; development CA ` +
      `${join(dataDir, 'keys', 'dev-ca.pem')} — docs/pdf-signatures.md)`,
    '',
    'Bearer tokens, valid 12 h (paste into a shell; `npm run -s token -- --role officer` mints more):',
    `  # officer`,
    `  ${token('officer')}`,
    `  # reviewer`,
    `  ${token('reviewer')}`,
    `  # admin`,
    `  ${token('admin')}`,
    `  # enterprise ${enterprise.uscc} ${enterprise.name}`,
    `  ${token('enterprise')}`,
    '',
    `  curl -H "Authorization: Bearer $PERMIT_OFFICER_TOKEN" ${rt.baseUrl}/health`,
    '',
    'Press Ctrl-C to stop.',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const env = process.env;
  const dataDir = resolve(env.PERMIT_DATA_DIR?.trim() || '.permit');
  const publicBaseUrl = env.PUBLIC_BASE_URL?.trim();
  const clockText = env.PERMIT_CLOCK?.trim();
  let clock: Date | undefined;
  try {
    clock = clockText ? parseInstant(clockText, 'PERMIT_CLOCK') : undefined;
  } catch (error) {
    throw new LocalRuntimeError('CLOCK_REFUSED', `${(error as Error).message}; got "${clockText}"`, { cause: error });
  }
  log.info('starting', { pid: process.pid, dataDir, ...(clock ? { clock: shanghaiInstant(clock) } : {}) });
  runtime = await startLocalRuntime({
    dataDir,
    ...(clock ? { clock } : {}),
    port: parsePort(env.PORT, 'PORT', 3000),
    emulatorPorts: {
      dynamodb: parsePort(env.DYNAMODB_PORT, 'DYNAMODB_PORT', 0),
      s3: parsePort(env.S3_PORT, 'S3_PORT', 0),
      sqs: parsePort(env.SQS_PORT, 'SQS_PORT', 0),
    },
    portVariables: {
      gateway: 'PORT',
      dynamodb: 'DYNAMODB_PORT',
      s3: 'S3_PORT',
      sqs: 'SQS_PORT',
      webhooks: 'WEBHOOKS_PORT',
    },
    carrier: { port: parsePort(env.CARRIER_PORT, 'CARRIER_PORT', 0) },
    webhookReceiver: { port: parsePort(env.WEBHOOKS_PORT, 'WEBHOOKS_PORT', 0) },
    ...(publicBaseUrl ? { publicBaseUrl } : {}),
    log,
    accessLog: true,
  });
  if (stopping) return;
  process.stdout.write(banner(runtime, dataDir, process.uptime()));
}

main().catch((error: unknown) => {
  if (error instanceof LocalRuntimeError) {
    process.stderr.write(`\npermit: ${error.message}\n\n`);
  } else {
    process.stderr.write(`\npermit: failed to start: ${(error as Error).stack ?? String(error)}\n\n`);
  }
  process.exit(1);
});
