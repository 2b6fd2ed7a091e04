/**
 * The embedded runtime in one call: emulators (or ones already running), Permit's resources, the local identity
 * provider, the HTTP gateway with every routed function, an SQS poller per queue-triggered function and a timer per
 * scheduled one. `npm start` uses it, and so does every integration test that wants the whole service.
 *
 * One runtime per process: handler modules are imported once and keep the configuration they read at cold start
 * (vitest runs each test file in its own process, so a runtime per test file is fine).
 *
 * @example
 * const runtime = await startLocalRuntime({ dataDir: mkdtempSync(join(tmpdir(), 'permit-')), port: 0, inMemoryDynamo: true });
 * const res = await fetch(`${runtime.baseUrl}/health`, { headers: { authorization: `Bearer ${runtime.tokens.officer}` } });
 * await runtime.stop();
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backfillWorklistNow } from '../../lambdas/composition/applications';
import { localClock, clock as processClock } from '../../lambdas/composition/clock';
import { resumeImportsNow } from '../../lambdas/composition/imports';
import { adoptLegacyOutbox } from '../../lambdas/composition/outbox';
import { type CompositionOverrides, overrideComposition } from '../../lambdas/composition/overrides';
import { backfillCertificateNames, backfillCertificateSlots } from '../../lambdas/composition/register-backfills';
import { statusListPublisherDeps } from '../../lambdas/composition/status-list';
import type { LocalClock } from '../../lambdas/composition/tools';
import { ensureDevelopmentPki, openLocalKeyStore, prepareCursorKeyFile } from '../../lambdas/composition/tools';
import { backfillTransparencyLog, sequencerDeps } from '../../lambdas/composition/transparency-log';
import { type FunctionDefinition, functions } from '../../lambdas/functions';
import { config } from '../../lambdas/shared/config';
import { publishStatusList } from '../../lambdas/use-cases/status-list/publish';
import { integrateLog } from '../../lambdas/use-cases/transparency/sequencer';
import { consoleSessionKeys, cursorKeys } from '../resources';
import { prepareLocalClock, recordRealTimeReached } from './clock';
import { clockRoute } from './clock-route';
import { DEMO_USERS, type DemoUser } from './demo-users';
import { withCommitBarrier } from './durability';
import { commitBarrier } from './dynamodb-local';
import {
  type EmulatorEndpoints,
  type EmulatorPorts,
  type Emulators,
  LOCAL_ACCOUNT_ID,
  LOCAL_REGION,
  startEmulators,
} from './emulators';
import { startEventSources } from './event-sources';
import { type Gateway, startGateway } from './gateway';
import { applyHandlerEnvironment, handlerEnvironment } from './handler-env';
import { type LambdaHandler, loadHandler } from './handlers';
import { LOCAL_CLIENT_ID, LOCAL_IDP_PATHS, LOCAL_ISSUER, LocalIdentityProvider, type MintOptions } from './identity';
import { localAuthorizationServer } from './identity-server';
import { createJwtAuthorizer } from './jwt-authorizer';
import { type LocalTsa, startLocalTsa } from './local-tsa';
import { quietLog, type RuntimeLog } from './log';
import { assertPortFree } from './ports';
import { provisionResources, type QueueDefinitions, type ResourceNames } from './provision';
import { type SandboxCarrier, startSandboxCarrier } from './sandbox-carrier';
import { type SandboxReceiver, startSandboxReceiver } from './sandbox-receiver';
import type { ScheduleRunner } from './scheduler';
import type { SqsPoller } from './sqs-poller';

/** The repository root: function `entry` paths are relative to it. */
export const REPO_ROOT = resolve(fileURLToPath(new URL('../../', import.meta.url)));

export interface LocalRuntimeOptions {
  /**
   * Data root: `dynamodb/`, `s3/`, `idp/` (token key), `keys/` (certificate-signing keys), `cursor-keys.json` (the
   * list-cursor secret, mode 0600), `clock.json` (the instant its clock has reached). Created if absent.
   */
  readonly dataDir: string;
  /**
   * Start the settable clock at this instant (`PERMIT_CLOCK`): use cases, jobs and verification run on it, tokens stay
   * on real time. Refused (`CLOCK_REFUSED`) when earlier than what the data directory's clock reached, or in the past
   * over data made on real time. Omitted: real time.
   */
  readonly clock?: Date;
  /**
   * Answer writes only once DynamoDB Local has committed them (`lib/local/durability.ts`). Default: on when this
   * runtime starts DynamoDB Local on disk, off for an in-memory or a given one.
   */
  readonly commitBarrier?: boolean;
  /** Gateway port; 0 (default) picks a free one. */
  readonly port?: number;
  /** Emulator ports; 0 (default) picks free ones. Ignored when `emulators` is given. */
  readonly emulatorPorts?: EmulatorPorts;
  /** Keep DynamoDB in memory instead of under `dataDir/dynamodb` (faster; nothing survives a restart). */
  readonly inMemoryDynamo?: boolean;
  /** Use emulators that are already running (vitest's global setup) instead of starting new ones. */
  readonly emulators?: EmulatorEndpoints;
  /** Give every table, bucket and queue name this suffix, to share emulators between parallel test files. */
  readonly resourceSuffix?: string;
  /** Functions to mount; defaults to `lambdas/functions.ts`. Tests mount fixture registries. */
  readonly registry?: readonly FunctionDefinition[];
  /** Queue settings; defaults to `lib/resources.ts` (tests shorten the visibility timeout). */
  readonly queues?: QueueDefinitions;
  /** Poll queues for queue-triggered functions (default true). */
  readonly pollers?: boolean;
  /** Run scheduled functions on their timer (default true); `{ intervalMs }` overrides every period (tests). */
  readonly schedules?: boolean | { readonly intervalMs: number };
  /** `PUBLIC_BASE_URL` for handlers; defaults to the gateway's base URL. */
  readonly publicBaseUrl?: string;
  /** Environment variable names cited when a configured port is taken. */
  readonly portVariables?: {
    readonly gateway?: string;
    readonly dynamodb?: string;
    readonly s3?: string;
    readonly sqs?: string;
    readonly webhooks?: string;
  };
  /** The sandbox carrier (`lib/local/sandbox-carrier.ts`): port (0 = any; keep it across restarts) and credentials. */
  readonly carrier?: { readonly port?: number; readonly appKey?: string; readonly secret?: string };
  /** The sandbox webhook receiver (`lib/local/sandbox-receiver.ts`): port (0 = any; keep it across restarts). */
  readonly webhookReceiver?: { readonly port?: number };
  /**
   * Parts the handlers use in place of the real ones (a manual clock, a failing queue, another carrier), fixed before
   * any handler loads (`lambdas/composition/overrides.ts`). Tests only; `npm start` sets none.
   */
  readonly overrides?: CompositionOverrides;
  readonly log?: RuntimeLog;
  /** Log a line per HTTP request (npm start). */
  readonly accessLog?: boolean;
}

export interface LocalRuntime {
  /** `http://127.0.0.1:<port>` */
  readonly baseUrl: string;
  /** The environment handlers run with (also set on `process.env`). */
  readonly env: Readonly<Record<string, string>>;
  readonly endpoints: EmulatorEndpoints;
  readonly names: ResourceNames;
  readonly ports: { readonly gateway: number; readonly dynamodb: number; readonly s3: number; readonly sqs: number };
  /** Ready-to-use bearer tokens (without the `Bearer ` prefix) for the demo users. */
  readonly tokens: Readonly<Record<DemoUser, string>>;
  readonly identity: LocalIdentityProvider;
  /** Mint another token from the local identity provider. */
  mintToken(options: MintOptions): Promise<string>;
  /** The emulators this runtime started (undefined when it was given running ones). */
  readonly emulators: Emulators | undefined;
  /** Queue pollers by function name. */
  readonly pollers: ReadonlyMap<string, SqsPoller>;
  /** Schedule runners by function name. */
  readonly schedules: ReadonlyMap<string, ScheduleRunner>;
  /** The sandbox carrier the dispatch worker talks to (waybills, tracking pushes, injected faults). */
  readonly carrier: SandboxCarrier;
  /** The sandbox webhook receiver: a subscriber to register (`hookUrl(name)`) that verifies and records deliveries. */
  readonly webhookReceiver: SandboxReceiver;
  /** The local RFC 3161 timestamp authority (`TSA_URL`); `setAvailable(false)` plays an outage. */
  readonly tsa: LocalTsa;
  /** The settable clock every function runs on, when `clock` was given (undefined: real time). */
  readonly clock: LocalClock | undefined;
  /** Stop pollers, timers, the gateway and any emulators this runtime started. Idempotent. */
  stop(): Promise<void>;
}

const portOf = (endpoint: string): number => Number(new URL(endpoint).port);

/** The sandbox carrier's port of the first runtime in this process (see `applyHandlerEnvironment`). */
let carrierPortOfProcess: number | undefined;
/** The sandbox receiver's port of the first runtime in this process (hook URLs registered before a restart). */
let receiverPortOfProcess: number | undefined;
/** The local TSA's port of the first runtime in this process (handlers keep the TSA_URL of their cold start). */
let tsaPortOfProcess: number | undefined;

/** Check every configured port before starting anything, so a clash fails in milliseconds, naming its variable. */
async function assertConfiguredPortsFree(options: LocalRuntimeOptions): Promise<void> {
  const vars = options.portVariables ?? {};
  const wanted: [number | undefined, string][] = [
    [options.port, vars.gateway ?? 'PORT'],
    [options.webhookReceiver?.port, vars.webhooks ?? 'WEBHOOKS_PORT'],
  ];
  if (!options.emulators) {
    wanted.push(
      [options.emulatorPorts?.dynamodb, vars.dynamodb ?? 'DYNAMODB_PORT'],
      [options.emulatorPorts?.s3, vars.s3 ?? 'S3_PORT'],
      [options.emulatorPorts?.sqs, vars.sqs ?? 'SQS_PORT'],
    );
  }
  for (const [port, variable] of wanted) if (port) await assertPortFree(port, variable);
}

/**
 * Start the runtime; on any failure, everything already started is stopped before the error is rethrown.
 *
 * @example
 * const runtime = await startLocalRuntime({ dataDir: '.permit', port: 3000 });
 * console.log(runtime.baseUrl, runtime.tokens.officer);
 */
export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const log = options.log ?? quietLog();
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const registry = options.registry ?? functions;
  const cleanups: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup().catch((error: unknown) => log.warn('stop failed', { error }));
    }
  };
  try {
    await assertConfiguredPortsFree(options);
    // Before anything touches the data directory: may this clock start on it? (Records the decision.)
    const preparedClock = prepareLocalClock({ dataDir, ...(options.clock ? { start: options.clock } : {}) });
    let runtimeClock: LocalClock | undefined;
    cleanups.push(async () => {
      // Last to run: the exact instant reached, once nothing reads the clock any more.
      if (runtimeClock) runtimeClock.close();
      else recordRealTimeReached(preparedClock.file);
    });
    /** What the clock route sees: 'starting' until the handlers are mounted. */
    let clock: LocalClock | undefined | 'starting' = 'starting';
    let schedules: ReadonlyMap<string, ScheduleRunner> = new Map();
    // Independent and slow-ish: start them together. The gateway listens now and routes once handlers are loaded.
    const emulatorsStarting = options.emulators
      ? Promise.resolve(undefined)
      : startEmulators({
          dataDir,
          ...(options.inMemoryDynamo ? { inMemoryDynamo: true } : {}),
          ...(options.emulatorPorts ? { ports: options.emulatorPorts } : {}),
          portVariables: {
            ...(options.portVariables?.dynamodb ? { dynamodb: options.portVariables.dynamodb } : {}),
            ...(options.portVariables?.s3 ? { s3: options.portVariables.s3 } : {}),
            ...(options.portVariables?.sqs ? { sqs: options.portVariables.sqs } : {}),
          },
        });
    const identityStarting = LocalIdentityProvider.open(join(dataDir, 'idp'));
    /** The console's base URL, known once the gateway listens (its callback and logout URIs are registered under it). */
    let consoleBase = '';
    /** The clock codes expire on: the handlers' clock once they are mounted (before that nothing signs in). */
    let idpClock: { now(): Date } | undefined;
    const gatewayStarting = identityStarting.then((identity) => {
      const authorizer = createJwtAuthorizer({
        issuer: LOCAL_ISSUER,
        audiences: [LOCAL_CLIENT_ID],
        jwks: () => identity.jwks(),
      });
      return startGateway({
        port: options.port ?? 0,
        ...(options.portVariables?.gateway ? { portVariable: options.portVariables.gateway } : {}),
        registry,
        authorizer,
        identity,
        region: options.emulators?.region ?? LOCAL_REGION,
        accountId: LOCAL_ACCOUNT_ID,
        log,
        accessLog: options.accessLog ?? false,
        localRoutes: [
          clockRoute({ clock: () => clock, authorizer, afterMove: () => runSchedulesOnce(schedules) }),
          ...localAuthorizationServer({
            idp: identity,
            now: () => idpClock?.now() ?? new Date(),
            clients: () => [
              {
                clientId: LOCAL_CLIENT_ID,
                redirectUris: [`${consoleBase}/console/callback`],
                postLogoutRedirectUris: [`${consoleBase}/console/signed-out`],
              },
            ],
          }).routes,
        ],
      });
    });
    const [emulatorsResult, gatewayResult] = await Promise.allSettled([emulatorsStarting, gatewayStarting]);
    if (emulatorsResult.status === 'fulfilled' && emulatorsResult.value) {
      const started = emulatorsResult.value;
      cleanups.push(() => started.stop());
      log.info('emulators started', { ...started.endpoints, dynamodbPid: started.dynamodb.pid });
    }
    if (gatewayResult.status === 'fulfilled') {
      const started = gatewayResult.value;
      cleanups.push(() => started.close());
    }
    if (emulatorsResult.status === 'rejected') throw emulatorsResult.reason;
    if (gatewayResult.status === 'rejected') throw gatewayResult.reason;
    const emulators = emulatorsResult.value;
    const gateway: Gateway = gatewayResult.value;
    const identity = await identityStarting;
    const endpoints = options.emulators ?? (emulators as Emulators).endpoints;

    const names = await provisionResources(endpoints, {
      consoleOrigin: new URL(options.publicBaseUrl ?? gateway.baseUrl).origin,
      ...(options.resourceSuffix ? { suffix: options.resourceSuffix } : {}),
      ...(options.queues ? { queues: options.queues } : {}),
    });
    const carrier = await startSandboxCarrier({
      // A restart in the same process keeps the carrier's port: handlers keep the CARRIER_BASE_URL of their cold start.
      port: options.carrier?.port ?? carrierPortOfProcess ?? 0,
      appKey: options.carrier?.appKey ?? 'permit-local',
      secret: options.carrier?.secret ?? 'sandbox-carrier-secret',
      webhookUrl: `${gateway.baseUrl}/v1/carrier/events`,
    });
    carrierPortOfProcess = carrier.port;
    cleanups.push(() => carrier.stop());
    /** The handlers' clock once their configuration is read: the receiver checks timestamps on the time they sign on. */
    let receiverClock: { now(): Date } | undefined;
    const webhookReceiver = await startSandboxReceiver({
      // Like the carrier: a restart in the same process keeps the port, so hook URLs registered before still reach it.
      port: options.webhookReceiver?.port ?? receiverPortOfProcess ?? 0,
      now: () => receiverClock?.now() ?? new Date(),
      log,
    });
    receiverPortOfProcess = webhookReceiver.port;
    cleanups.push(() => webhookReceiver.stop());
    // PDF signatures: the development CA and the TSA's certificate (kept across restarts), then the local TSA.
    const keyDir = join(dataDir, 'keys');
    mkdirSync(keyDir, { recursive: true, mode: 0o700 });
    const pki = await ensureDevelopmentPki({
      dir: keyDir,
      keys: [],
      now: new Date(),
      authority: 'Permit (development)',
    });
    const tsa = await startLocalTsa({
      identity: pki.tsa,
      now: () => receiverClock?.now() ?? new Date(),
      port: tsaPortOfProcess ?? 0,
      log,
    });
    tsaPortOfProcess = tsa.port;
    cleanups.push(() => tsa.stop());
    // Generated on the first start and kept: a cursor handed out before a restart still opens after it.
    const cursorKeysFile = join(dataDir, cursorKeys.localFile);
    prepareCursorKeyFile(cursorKeysFile);
    // The console's session key set: the same shape and handling as the cursor keys, its own secret.
    const sessionKeysFile = join(dataDir, consoleSessionKeys.localFile);
    prepareCursorKeyFile(sessionKeysFile);
    consoleBase = options.publicBaseUrl ?? gateway.baseUrl;
    const env = {
      ...handlerEnvironment({
        endpoints,
        names,
        publicBaseUrl: options.publicBaseUrl ?? gateway.baseUrl,
        keyDir,
        cursorKeysFile,
        tsaUrl: tsa.url,
        ...(preparedClock.start ? { clock: { start: preparedClock.start, file: preparedClock.file } } : {}),
      }),
      ...carrier.handlerEnv,
      // The console signs in at the local identity provider, whose documents the gateway serves.
      CONSOLE_OIDC_ISSUER: LOCAL_ISSUER,
      CONSOLE_OIDC_CLIENT_ID: LOCAL_CLIENT_ID,
      CONSOLE_OIDC_DISCOVERY_URL: `${gateway.baseUrl}${LOCAL_IDP_PATHS.openIdConfiguration}`,
      [consoleSessionKeys.localEnvVar]: sessionKeysFile,
      // Presigned POST uploads go to the local S3 front: the console's CSP must let forms post there.
      CONSOLE_STORAGE_ORIGIN: new URL(endpoints.s3).origin,
    };
    applyHandlerEnvironment(env);
    if (options.overrides) overrideComposition(options.overrides);
    // The process's one clock, created now from that environment (handlers take the same one).
    runtimeClock = localClock();
    receiverClock = processClock;
    // The signing key's document-signing certificate, on the handlers' clock (the key store dates a first key by it).
    const keyStore = await openLocalKeyStore(keyDir, processClock);
    const current = await keyStore.signer();
    const certified = await ensureDevelopmentPki({
      dir: keyDir,
      keys: [{ kid: current.kid, jwk: await current.publicJwk() }],
      now: processClock.now(),
      authority: config().issuingAuthority,
    });
    if (certified.created.length > 0) log.info('development PKI for PDF signatures', { created: certified.created });
    // Data from before the outbox: dispatches still pending become outbox messages (one empty Query once done).
    const adopted = await adoptLegacyOutbox();
    if (adopted > 0) log.info('pending dispatches moved to the outbox', { adopted });
    // Certificates from before the enterprise-name index get their entries (idempotent: adds only what is missing).
    const named = await backfillCertificateNames();
    if (named.added > 0) log.info('certificate names indexed', { ...named });
    // Licences from before the status list get their slots (idempotent: only those without one).
    const slotted = await backfillCertificateSlots();
    if (slotted.assigned > 0) log.info('status-list slots assigned', { ...slotted });
    // Applications from before the worklist get their entries (one read once done).
    const listed = await backfillWorklistNow();
    if (listed > 0) log.info('applications added to the worklist', { indexed: listed });
    // Certificates from before the transparency log get their issuance entries (once; later starts skip it), and the
    // log publishes a checkpoint covering whatever is pending — its first, empty one on a new data directory.
    const logged = await backfillTransparencyLog();
    if (logged.added > 0) log.info('older certificates added to the transparency log', { ...logged });
    const integrated = await integrateLog(sequencerDeps());
    if (integrated.integrated > 0) log.info('transparency log integrated', { ...integrated });
    // The status list: its first publication on a new data directory, or the stored one signed again if an hour old.
    await publishStatusList(statusListPublisherDeps(), {});
    // Licence imports a stop interrupted go on: their unfinished work is queued again from their records.
    const resumed = await resumeImportsNow();
    if (resumed.length > 0) log.info('licence imports resumed', { imports: resumed });

    const barrier = options.commitBarrier ?? (!options.emulators && !options.inMemoryDynamo);
    // Import every handler now (their cold start), so a broken module fails `npm start`, not the first request.
    const handlers = new Map<string, LambdaHandler>();
    for (const definition of registry) {
      const handler = await loadHandler(definition, REPO_ROOT);
      handlers.set(
        definition.name,
        barrier ? withCommitBarrier(handler, () => commitBarrier(endpoints.dynamodb)) : handler,
      );
    }
    gateway.mount(handlers);
    clock = runtimeClock;
    idpClock = processClock;

    const sources = startEventSources({
      registry,
      handlers,
      names,
      endpoints,
      log,
      ...(options.pollers !== undefined ? { pollers: options.pollers } : {}),
      ...(options.schedules !== undefined ? { schedules: options.schedules } : {}),
    });
    cleanups.push(() => sources.stop());
    schedules = sources.schedules;

    const mintToken = (mint: MintOptions) => identity.mint(mint);
    const tokenEntries = await Promise.all(
      (Object.entries(DEMO_USERS) as [DemoUser, MintOptions][]).map(
        async ([user, mint]) => [user, await mintToken(mint)] as const,
      ),
    );
    let stopping: Promise<void> | undefined;
    return {
      baseUrl: gateway.baseUrl,
      env,
      endpoints,
      names,
      ports: {
        gateway: gateway.port,
        dynamodb: portOf(endpoints.dynamodb),
        s3: portOf(endpoints.s3),
        sqs: portOf(endpoints.sqs),
      },
      tokens: Object.fromEntries(tokenEntries) as Record<DemoUser, string>,
      identity,
      mintToken,
      emulators,
      pollers: sources.pollers,
      schedules: sources.schedules,
      carrier,
      webhookReceiver,
      tsa,
      clock: runtimeClock,
      stop: () => {
        stopping ??= stopAll();
        return stopping;
      },
    };
  } catch (error) {
    // Whatever started before the failure is stopped again: a failed start leaves no process or port behind.
    await stopAll();
    throw error;
  }
}

/** Run every scheduled function once (after the clock moved: their timers would have fired meanwhile). */
async function runSchedulesOnce(schedules: ReadonlyMap<string, ScheduleRunner>): Promise<Record<string, string>> {
  const outcomes = await Promise.all(
    [...schedules].map(async ([name, runner]) => [name, (await runner.runNow()).status] as const),
  );
  return Object.fromEntries(outcomes);
}
