import { Match } from 'aws-cdk-lib/assertions';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { WORKBENCH_PREFIX } from '../../lambdas/contracts/console-workbench';
import { isConsoleRoute, type RouteContract, routeKey } from '../../lambdas/contracts/route';
import { allRoutes, type FunctionDefinition, functions } from '../../lambdas/functions';
import { DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS, FUNCTION_RUNTIME } from '../../lib/constructs/permit-function';
import { queues } from '../../lib/resources';
import { selectStage } from '../../lib/stage-config';
import { fixtureRegistry, officerRoute, publicRoute, signedRoute, staffRoute } from './fixtures';
import { logicalIdOf, synth } from './support';

const dev = selectStage('dev');
const s = synth({ registry: fixtureRegistry, stage: dev });
const t = s.statelessTemplate;

const functionIdOf = (name: string): string => {
  const fn = s.stateless.functions.get(name);
  if (!fn) throw new Error(`no function ${name}`);
  return s.stateless.getLogicalId(fn.function.node.defaultChild as never);
};

describe('PermitFunction defaults', () => {
  it('uses the newest Node.js runtime aws-cdk-lib knows', () => {
    const newest = Runtime.ALL.filter((r) => r.name.startsWith('nodejs'))
      .map((r) => r.name)
      .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))
      .at(-1);
    expect(FUNCTION_RUNTIME.name).toBe(newest);
  });

  it('runs every function on it, on arm64, with JSON logs into its own retained-for-a-while log group, traced', () => {
    const fns = Object.values(t.findResources('AWS::Lambda::Function'));
    expect(fns).toHaveLength(fixtureRegistry.length);
    for (const fn of fns) {
      expect(fn.Properties).toMatchObject({
        Runtime: FUNCTION_RUNTIME.name,
        Architectures: ['arm64'],
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: {
          LogFormat: 'JSON',
          ApplicationLogLevel: dev.logLevel.application,
          SystemLogLevel: dev.logLevel.system,
          LogGroup: { Ref: expect.stringMatching(/Logs/) },
        },
      });
    }
    t.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: dev.logRetention });
  });

  it('takes memory and timeout from the registry, with defaults', () => {
    t.hasResourceProperties('AWS::Lambda::Function', {
      Description: fixtureRegistry[0]?.description,
      MemorySize: 1024,
      Timeout: 20,
    });
    t.hasResourceProperties('AWS::Lambda::Function', {
      Description: 'fixture: public verification',
      MemorySize: DEFAULT_MEMORY_MB,
      Timeout: DEFAULT_TIMEOUT_SECONDS,
    });
  });

  it('gives every function the common environment block', () => {
    const fn = t.findResources('AWS::Lambda::Function')[functionIdOf('fx-verify')];
    expect(Object.keys(fn?.Properties.Environment.Variables).sort()).toEqual(
      [
        'TABLE_NAME',
        'CERTIFICATES_BUCKET',
        'DOCUMENTS_BUCKET',
        'LOG_BUCKET',
        'DISPATCH_QUEUE_URL',
        'DISPATCH_DLQ_URL',
        'LOG_QUEUE_URL',
        'LOG_DLQ_URL',
        'STATUS_LIST_QUEUE_URL',
        'STATUS_LIST_DLQ_URL',
        'WEBHOOKS_QUEUE_URL',
        'WEBHOOKS_DLQ_URL',
        'PDF_TIMESTAMPS_QUEUE_URL',
        'PDF_TIMESTAMPS_DLQ_URL',
        'IMPORTS_QUEUE_URL',
        'IMPORTS_DLQ_URL',
        'PUBLIC_BASE_URL',
        'PROVINCE_ABBR',
        'ISSUING_AUTHORITY',
        'SIGNER',
        'SIGNING_KEY_ID',
        // The transparency log's checkpoint key (LOG_ORIGIN only where the stage names the origin).
        'LOG_KEY_ID',
        // The key that seals webhook secrets (only functions granted `webhookSecrets` may use it).
        'WEBHOOK_SECRETS_KEY_ID',
        'POWERTOOLS_SERVICE_NAME',
        // Metrics (EMF in namespace Permit) and the function's own tracing switch (docs/metrics.md).
        'POWERTOOLS_METRICS_NAMESPACE',
        'PERMIT_METRICS',
        'POWERTOOLS_TRACE_ENABLED',
        'LOG_LEVEL',
        'NODE_OPTIONS',
        'CARRIER_BASE_URL',
        'CARRIER_APP_KEY',
        'CARRIER_SECRET_PARAMETER',
        'CURSOR_KEYS_PARAMETER',
        'SUSPEND_ON_OVERDUE_REVIEW',
        'INSPECTOR_DISCLOSURE',
        // The web console's sign-in and session key set (dev: Cognito's hosted UI, so a logout URL is set).
        'CONSOLE_OIDC_ISSUER',
        'CONSOLE_OIDC_CLIENT_ID',
        'CONSOLE_OIDC_LOGOUT_URL',
        'CONSOLE_SESSION_KEYS_PARAMETER',
        'CONSOLE_STORAGE_ORIGIN',
        // PDF signatures: where the certificate chains and trust anchors are (TSA_URL only where the stage sets one).
        'PADES_CERTIFICATES_PARAMETER',
        'PADES_TRUST_ANCHORS_PARAMETER',
      ].sort(),
    );
    expect(fn?.Properties.Environment.Variables).toMatchObject({
      SIGNER: 'kms',
      PERMIT_METRICS: 'emf',
      POWERTOOLS_METRICS_NAMESPACE: 'Permit',
      POWERTOOLS_TRACE_ENABLED: 'true',
      SUSPEND_ON_OVERDUE_REVIEW: 'false',
      NODE_OPTIONS: '--enable-source-maps',
      PROVINCE_ABBR: dev.province,
      ISSUING_AUTHORITY: dev.issuingAuthority,
      PUBLIC_BASE_URL: dev.publicBaseUrl,
      CURSOR_KEYS_PARAMETER: '/permit/dev/cursor-keys',
      PADES_CERTIFICATES_PARAMETER: '/permit/dev/pades/certificates',
      PADES_TRUST_ANCHORS_PARAMETER: '/permit/dev/pades/trust-anchors',
    });
  });

  it('traces as the stage says: Powertools (dev), Lambda active tracing only (prod), or not at all', () => {
    // Prepare
    const tracingOf = (synthesised: typeof s) =>
      Object.values(synthesised.statelessTemplate.findResources('AWS::Lambda::Function')).map((fn) => ({
        mode: fn.Properties.TracingConfig?.Mode,
        powertools: fn.Properties.Environment.Variables.POWERTOOLS_TRACE_ENABLED,
      }));
    const lambdaOnly = synth({ registry: fixtureRegistry, stage: { ...dev, tracing: 'lambda-only' } });
    const off = synth({ registry: fixtureRegistry, stage: { ...dev, tracing: 'off' } });

    // Assess
    expect(selectStage('prod').tracing).toBe('lambda-only');
    for (const fn of tracingOf(s)) expect(fn).toEqual({ mode: 'Active', powertools: 'true' });
    for (const fn of tracingOf(lambdaOnly)) expect(fn).toEqual({ mode: 'Active', powertools: 'false' });
    for (const fn of tracingOf(off)) expect(fn).toEqual({ mode: undefined, powertools: 'false' });
  });

  it('gives functions the TSA only where the stage names one', () => {
    // Prepare
    const withTsa = synth({ registry: fixtureRegistry, stage: { ...dev, tsaUrl: 'https://tsa.example.gov.cn/tsr' } });
    const variables = (synthesised: typeof s) =>
      Object.values(synthesised.statelessTemplate.findResources('AWS::Lambda::Function')).map(
        (fn) => fn.Properties.Environment.Variables as Record<string, unknown>,
      );
    // Assess
    for (const env of variables(s)) expect(env.TSA_URL).toBeUndefined();
    for (const env of variables(withTsa)) expect(env.TSA_URL).toBe('https://tsa.example.gov.cn/tsr');
  });

  it('names the log’s checkpoint key, and its origin only where the stage sets one', () => {
    // Prepare
    const withOrigin = synth({ registry: fixtureRegistry, stage: { ...dev, logOrigin: 'permit.example.gov.cn/log' } });
    const variables = (synthesised: typeof s) =>
      Object.values(synthesised.statelessTemplate.findResources('AWS::Lambda::Function')).map(
        (fn) => fn.Properties.Environment.Variables as Record<string, unknown>,
      );

    // Assess
    for (const env of variables(s)) {
      expect(JSON.stringify(env.LOG_KEY_ID)).toMatch(/TransparencyLogKey/);
      expect(env.LOG_ORIGIN).toBeUndefined();
    }
    for (const env of variables(withOrigin)) expect(env.LOG_ORIGIN).toBe('permit.example.gov.cn/log');
  });

  it('gives functions explicit roles with no AWS managed policies', () => {
    for (const role of Object.values(t.findResources('AWS::IAM::Role'))) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });
});

describe('HTTP API', () => {
  const routes = () => Object.values(t.findResources('AWS::ApiGatewayV2::Route'));
  const contracts = [officerRoute, staffRoute, publicRoute, signedRoute];

  it('has exactly one route per contract', () => {
    expect(
      routes()
        .map((r) => r.Properties.RouteKey)
        .sort(),
    ).toEqual(contracts.map(routeKey).sort());
  });

  it('attaches the JWT authorizer exactly to routes whose contract lists roles', () => {
    const authorizerId = logicalIdOf(t, 'AWS::ApiGatewayV2::Authorizer');
    for (const contract of contracts) {
      const [route] = routes().filter((r) => r.Properties.RouteKey === routeKey(contract));
      if (Array.isArray(contract.access)) {
        expect(route?.Properties).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
      } else {
        expect(route?.Properties.AuthorizationType ?? 'NONE').toBe('NONE');
        expect(route?.Properties.AuthorizerId).toBeUndefined();
      }
    }
  });

  it('integrates each route with its function through one payload-2.0 integration per function', () => {
    t.resourceCountIs('AWS::ApiGatewayV2::Integration', 3);
    t.allResourcesProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
    });
  });

  it('has one auto-deployed $default stage with access logs, stage throttling and tighter public-route limits', () => {
    t.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
    t.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('AccessLogs'), 'Arn'] },
        Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"'),
      },
      DefaultRouteSettings: {
        ThrottlingRateLimit: dev.throttling.rateLimit,
        ThrottlingBurstLimit: dev.throttling.burstLimit,
      },
      RouteSettings: {
        [routeKey(publicRoute)]: {
          ThrottlingRateLimit: dev.throttling.publicRateLimit,
          ThrottlingBurstLimit: dev.throttling.publicBurstLimit,
        },
      },
    });
    // The stage is created after the routes its settings name.
    const stage = Object.values(t.findResources('AWS::ApiGatewayV2::Stage'))[0];
    expect(stage?.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/verify/i)]));
  });

  it('has CORS off unless the stage lists origins', () => {
    t.hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: Match.absent(), ProtocolType: 'HTTP' });
    const withCors = synth({
      registry: fixtureRegistry,
      stage: { ...dev, corsAllowOrigins: ['https://console.example.gov.cn'] },
    });
    withCors.statelessTemplate.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://console.example.gov.cn'] }),
    });
  });
});

describe('HTTP API, real registry', () => {
  const real = synth().statelessTemplate;
  const functionOf = (c: RouteContract): string | undefined =>
    functions.find((f) => (f.routes ?? []).includes(c))?.name;

  it('has one function per registry entry and one route per contract, with the JWT authorizer exactly on the API’s role routes', () => {
    real.resourceCountIs('AWS::Lambda::Function', functions.length);
    const routes = Object.values(real.findResources('AWS::ApiGatewayV2::Route'));
    expect(routes.map((r) => r.Properties.RouteKey).sort()).toEqual(allRoutes().map(routeKey).sort());
    const authorizerId = logicalIdOf(real, 'AWS::ApiGatewayV2::Authorizer');
    for (const contract of allRoutes()) {
      const route = routes.find((r) => r.Properties.RouteKey === routeKey(contract));
      // Console pages (under /console) authenticate by the session cookie: no authorizer even when they name roles.
      // Every other route that names roles carries the bearer-token authorizer.
      if (Array.isArray(contract.access) && !isConsoleRoute(contract)) {
        expect(route?.Properties, routeKey(contract)).toMatchObject({
          AuthorizationType: 'JWT',
          AuthorizerId: { Ref: authorizerId },
        });
      } else {
        expect(route?.Properties.AuthorizationType ?? 'NONE', routeKey(contract)).toBe('NONE');
        expect(route?.Properties.AuthorizerId, routeKey(contract)).toBeUndefined();
      }
    }
  });

  it('sends any other address under /console, any method, to the console function (its 404 page), without a token', () => {
    const routes = Object.values(real.findResources('AWS::ApiGatewayV2::Route'));
    const catchAll = routes.find((r) => r.Properties.RouteKey === 'ANY /console/{proxy+}');
    expect(catchAll?.Properties.AuthorizationType ?? 'NONE').toBe('NONE');
    const consoleFn = real.findResources('AWS::ApiGatewayV2::Integration');
    const target = (r: (typeof routes)[number]) => JSON.stringify(r?.Properties.Target);
    // The same integration (the console function) as the console's pages; no other greedy route under /console.
    expect(target(catchAll as (typeof routes)[number])).toBe(
      target(routes.find((r) => r.Properties.RouteKey === 'GET /console/licences') as (typeof routes)[number]),
    );
    expect(Object.keys(consoleFn).length).toBeGreaterThan(1);
    expect(
      routes.filter((r) => /^\S+ \/console\/.*\+\}/.test(r.Properties.RouteKey)).map((r) => r.Properties.RouteKey),
    ).toEqual(['ANY /console/{proxy+}']);
  });

  it('serves POST /v1/verify from its own function, verify-file (1024 MB), and the other public checks from verify', () => {
    // Prepare
    const verifyFile = functions.find((f) => f.name === 'verify-file');
    const byKey = (key: string) => allRoutes().find((c) => routeKey(c) === key) as RouteContract;

    // Assess
    expect(functionOf(byKey('POST /v1/verify'))).toBe('verify-file');
    expect(verifyFile).toMatchObject({ grants: { table: 'read' }, memoryMb: 1024 });
    expect(verifyFile?.routes?.map(routeKey)).toEqual(['POST /v1/verify']);
    expect(functionOf(byKey('GET /v/{payload+}'))).toBe('verify');
    real.hasResourceProperties('AWS::Lambda::Function', {
      Description: verifyFile?.description,
      MemorySize: 1024,
    });
  });

  it('serves the console’s role pages without the authorizer, and the API’s role routes with it (both exist)', () => {
    const consoleRolePages = allRoutes().filter((c) => isConsoleRoute(c) && Array.isArray(c.access));
    const apiRoleRoutes = allRoutes().filter((c) => !isConsoleRoute(c) && Array.isArray(c.access));
    // Guards the loop above against passing vacuously.
    expect(consoleRolePages.map(routeKey)).toEqual(
      expect.arrayContaining(['GET /console', 'GET /console/licences', 'POST /console/sign-out']),
    );
    expect(apiRoleRoutes.length).toBeGreaterThan(10);
    // The workbench's pages are its own function's; every other console page is the console function's.
    for (const c of allRoutes().filter(isConsoleRoute)) {
      expect(functionOf(c), routeKey(c)).toBe(c.path.startsWith(WORKBENCH_PREFIX) ? 'workbench' : 'console');
    }
  });
});

describe('queue trigger', () => {
  it('maps the dispatch queue to its worker with partial batch failures and the defined batching', () => {
    t.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: functionIdOf('fx-dispatch-worker') },
      EventSourceArn: { 'Fn::ImportValue': Match.stringLikeRegexp('DispatchQueue') },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: queues.dispatch.batchSize,
      MaximumBatchingWindowInSeconds: queues.dispatch.maxBatchingWindowSeconds,
    });
  });

  it('maps the log queue to the sequencer alone: batches of 10, no batching window, at most 2 at once', () => {
    // Prepare
    const real = synth();
    const sequencer = real.stateless.functions.get('log-sequencer');
    const sequencerId = real.stateless.getLogicalId(sequencer?.function.node.defaultChild as never);
    const fromLogQueue = Object.values(real.statelessTemplate.findResources('AWS::Lambda::EventSourceMapping')).filter(
      (m) => JSON.stringify(m.Properties.EventSourceArn).includes(queues.log.id),
    );

    // Assess
    expect(fromLogQueue).toHaveLength(1);
    expect(fromLogQueue[0]?.Properties).toMatchObject({
      FunctionName: { Ref: sequencerId },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: 0,
      ScalingConfig: { MaximumConcurrency: 2 },
    });
    expect(queues.log).toMatchObject({ batchSize: 10, maxBatchingWindowSeconds: 0, maxConcurrency: 2 });
  });

  it('maps the status-list queue to its publisher alone, which also runs every 5 minutes and signs with the certificate key', () => {
    // Prepare
    const real = synth();
    const publisher = real.stateless.functions.get('status-list-publisher');
    const publisherId = real.stateless.getLogicalId(publisher?.function.node.defaultChild as never);
    const fromQueue = Object.values(real.statelessTemplate.findResources('AWS::Lambda::EventSourceMapping')).filter(
      (m) => JSON.stringify(m.Properties.EventSourceArn).includes(queues.statusList.id),
    );
    const schedules = Object.values(real.statelessTemplate.findResources('AWS::Scheduler::Schedule')).filter((r) =>
      JSON.stringify(r.Properties.Target).includes(publisherId),
    );

    // Assess
    expect(fromQueue).toHaveLength(1);
    expect(fromQueue[0]?.Properties).toMatchObject({
      FunctionName: { Ref: publisherId },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: 0,
      ScalingConfig: { MaximumConcurrency: 2 },
    });
    expect(schedules.map((r) => r.Properties.ScheduleExpression)).toEqual(['rate(5 minutes)']);
    expect(functions.find((d) => d.name === 'status-list-publisher')?.grants).toEqual({
      table: 'readwrite',
      signingKey: 'sign',
    });
  });

  it('leaves the concurrency of a queue without maxConcurrency to Lambda', () => {
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: functionIdOf('fx-dispatch-worker') },
      ScalingConfig: Match.absent(),
    });
  });

  it('refuses a worker whose timeout exceeds the queue visibility timeout', () => {
    const tooSlow: FunctionDefinition = {
      name: 'slow-worker',
      entry: 'lambdas/handlers/openapi.ts',
      description: 'too slow',
      queue: 'dispatch',
      grants: {},
      timeoutSeconds: queues.dispatch.visibilityTimeoutSeconds + 1,
    };
    expect(() => synth({ registry: [tooSlow] })).toThrow(/visibility timeout/);
  });
});

describe('schedules', () => {
  it('runs a scheduled function with EventBridge Scheduler, retries bounded by the period', () => {
    t.resourceCountIs('AWS::Scheduler::Schedule', 1);
    t.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(5 minutes)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: { 'Fn::GetAtt': [functionIdOf('fx-dispatch-relay'), 'Arn'] },
        RetryPolicy: { MaximumEventAgeInSeconds: 300, MaximumRetryAttempts: 2 },
        RoleArn: Match.anyValue(),
      },
    });
  });

  it('falls back to an EventBridge rule when the stage says so', () => {
    const r = synth({ registry: fixtureRegistry, stage: { ...dev, scheduler: 'eventbridge-rule' } }).statelessTemplate;
    r.resourceCountIs('AWS::Scheduler::Schedule', 0);
    r.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      Targets: [Match.objectLike({ RetryPolicy: { MaximumEventAgeInSeconds: 300, MaximumRetryAttempts: 2 } })],
    });
  });
});

describe('registry validation', () => {
  const base = { entry: 'lambdas/handlers/openapi.ts', description: 'x', grants: {} } as const;

  it('names the missing entry file', () => {
    expect(() => synth({ registry: [{ ...base, name: 'ghost', entry: 'lambdas/handlers/ghost.ts' }] })).toThrow(
      /ghost\.ts does not exist/,
    );
  });

  it('refuses a route served twice and duplicate names', () => {
    expect(() =>
      synth({
        registry: [
          { ...base, name: 'a', routes: [publicRoute] },
          { ...base, name: 'b', routes: [publicRoute] },
        ],
      }),
    ).toThrow(/served twice/);
    expect(() =>
      synth({
        registry: [
          { ...base, name: 'a' },
          { ...base, name: 'a' },
        ],
      }),
    ).toThrow(/duplicate/);
  });

  it('refuses a route function whose timeout exceeds the API integration limit', () => {
    expect(() => synth({ registry: [{ ...base, name: 'slow', routes: [publicRoute], timeoutSeconds: 31 }] })).toThrow(
      /≤ 30 s/,
    );
  });

  it('refuses assets outside the repository or missing', () => {
    expect(() => synth({ registry: [{ ...base, name: 'x', assets: ['../etc/passwd'] }] })).toThrow(/relative/);
    expect(() => synth({ registry: [{ ...base, name: 'x', assets: ['data/nope.ttf'] }] })).toThrow(/does not exist/);
  });
});
