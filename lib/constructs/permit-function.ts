/**
 * `PermitFunction`: one Lambda function with Permit's defaults, built from a registry entry in
 * `lambdas/functions.ts` — newest Node.js runtime on arm64, ESM bundle by the local esbuild (AWS SDK included),
 * JSON logs into its own log group, tracing as the stage says (`TracingMode`), and an explicit role that starts with
 * nothing but its own logs.
 */
import { existsSync } from 'node:fs';
import { basename, isAbsolute, join, normalize, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { Charset, type ICommandHooks, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionDefinition } from '../../lambdas/functions';
import type { StageConfig, TracingMode } from '../stage-config';
import { acknowledgeRule } from './nag';

/** The newest Node.js runtime aws-cdk-lib offers (a test fails when a newer one appears). */
export const FUNCTION_RUNTIME = Runtime.NODEJS_24_X;
export const DEFAULT_MEMORY_MB = 512;
export const DEFAULT_TIMEOUT_SECONDS = 10;

/** The repository root, which registry paths (`entry`, `assets`) are relative to. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Bundled CommonJS dependencies may call `require` (for Node built-ins); an ESM bundle has none, so define one.
 * The alias avoids clashing with any `createRequire` the bundle itself imports.
 *
 * @example
 * build({ …, banner: { js: ESM_REQUIRE_BANNER } });
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __permitCreateRequire } from 'node:module'; const require = __permitCreateRequire(import.meta.url);";

/**
 * The AWS SDK's fallback credential providers, left out of every bundle. The SDK's default chain tries the
 * environment first and imports each later provider only when it reaches it (`await import(…)`); Lambda always puts
 * the execution role's credentials in the environment, so a function never reaches them. Bundled, they and the STS,
 * SSO and sign-in clients they use are ~130 KiB of every function's cold start (more than a quarter of `verify`'s).
 * If one were ever reached, its import would fail with the package's name instead of guessing at credentials.
 *
 * @example
 * build({ …, external: [...UNREACHED_CREDENTIAL_PROVIDERS] });
 */
export const UNREACHED_CREDENTIAL_PROVIDERS: readonly string[] = [
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/credential-provider-http',
  '@smithy/credential-provider-imds',
];

/**
 * What esbuild replaces in a function's bundle: where the stage does not trace with Powertools, the switch that
 * leaves the Powertools Tracer (aws-xray-sdk-core, ~125 KiB minified) out of every bundle (`lambdas/shared/tracer.ts`);
 * where it does, every function carries it.
 *
 * @example
 * bundleDefines('lambda-only'); // { 'process.env.PERMIT_TRACER_BUNDLED': '"false"' }
 * bundleDefines('powertools');  // {}
 */
export function bundleDefines(mode: TracingMode): Record<string, string> {
  return mode === 'powertools' ? {} : { 'process.env.PERMIT_TRACER_BUNDLED': '"false"' };
}

/**
 * The functions' tracing variable: the Powertools Tracer runs where the stage traces with it.
 *
 * @example
 * tracingEnvironment('powertools'); // { POWERTOOLS_TRACE_ENABLED: 'true' }
 */
export function tracingEnvironment(mode: TracingMode): Record<string, string> {
  return { POWERTOOLS_TRACE_ENABLED: String(mode === 'powertools') };
}

export interface PermitFunctionProps {
  readonly definition: FunctionDefinition;
  /** The common environment block (see `functionEnvironment`). */
  readonly environment: Readonly<Record<string, string>>;
  readonly logRetention: RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
  readonly logLevel: StageConfig['logLevel'];
  /** The stage's tracing; default `powertools`. */
  readonly tracing?: TracingMode;
  /** Root that `definition.entry` and `definition.assets` are relative to; defaults to this repository. */
  readonly projectRoot?: string;
}

/**
 * @example
 * const fn = new PermitFunction(this, 'Health', { definition, environment, logRetention, logRemovalPolicy, logLevel });
 * resources.table.grantReadData(fn.role);
 */
export class PermitFunction extends Construct {
  readonly function: NodejsFunction;
  /** The execution role; grant helpers add to it. */
  readonly role: Role;
  readonly logGroup: LogGroup;
  readonly definition: FunctionDefinition;

  constructor(scope: Construct, id: string, props: PermitFunctionProps) {
    super(scope, id);
    const def = props.definition;
    const root = props.projectRoot ?? PROJECT_ROOT;
    const tracing = props.tracing ?? 'powertools';
    const entry = join(root, def.entry);
    if (!existsSync(entry)) {
      throw new Error(`function "${def.name}": entry ${def.entry} does not exist (lambdas/functions.ts)`);
    }
    this.definition = def;
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });
    // An explicit role instead of the default one with the AWS managed AWSLambdaBasicExecutionRole policy, which
    // may write to any log group in the account.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Permit function ${def.name}`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry,
      handler: 'handler',
      description: def.description,
      runtime: FUNCTION_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: def.memoryMb ?? DEFAULT_MEMORY_MB,
      timeout: Duration.seconds(def.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: props.logLevel.application,
      systemLogLevelV2: props.logLevel.system,
      tracing: tracing === 'off' ? Tracing.DISABLED : Tracing.ACTIVE,
      environment: { ...props.environment, ...tracingEnvironment(tracing) },
      projectRoot: root,
      depsLockFilePath: join(root, 'package-lock.json'),
      bundling: {
        format: OutputFormat.ESM,
        mainFields: ['module', 'main'],
        minify: true,
        sourceMap: true,
        // Mappings only: stack traces need no embedded sources, and a smaller map is cheaper to load at cold start.
        sourcesContent: false,
        // Chinese literals stay readable (and smaller) instead of \u escapes. aws-cdk-lib 2.276 does not pass
        // `charset` on to esbuild, so it is also given as an argument (test/infra/verify-bundle.test.ts checks).
        charset: Charset.UTF8,
        esbuildArgs: { '--charset': 'utf8' },
        banner: ESM_REQUIRE_BANNER,
        define: bundleDefines(tracing),
        // Bundle the AWS SDK v3 version we pin and test with, not whatever the runtime ships — but for the
        // credential providers a Lambda function never reaches.
        externalModules: [...UNREACHED_CREDENTIAL_PROVIDERS],
        commandHooks: copyAssets(def, root),
      },
    });
    // Active tracing adds xray:PutTraceSegments / PutTelemetryRecords on "*" to the role.
    acknowledgeRule(
      this.role,
      'AwsSolutions-IAM5[Resource::*]',
      'X-Ray PutTraceSegments and PutTelemetryRecords support no resource-level permissions; "*" is the only ' +
        'valid resource. No other statement of this role uses "*" (asserted in test/infra).',
    );
  }
}

/** Hooks that copy the entry's `assets` next to the bundled handler (flat, by file name). */
function copyAssets(def: FunctionDefinition, root: string): ICommandHooks {
  const assets = def.assets ?? [];
  const names = new Set<string>();
  for (const asset of assets) {
    if (isAbsolute(asset) || normalize(asset).startsWith('..')) {
      throw new Error(`function "${def.name}": asset ${asset} must be relative to the repository root`);
    }
    if (!existsSync(join(root, asset))) throw new Error(`function "${def.name}": asset ${asset} does not exist`);
    if (names.has(basename(asset))) throw new Error(`function "${def.name}": two assets are named ${basename(asset)}`);
    names.add(basename(asset));
  }
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir: string, outputDir: string) =>
      assets.map(
        (a) => `cp -R ${shellQuote(posix.join(inputDir, a))} ${shellQuote(posix.join(outputDir, basename(a)))}`,
      ),
  };
}

const shellQuote = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`;
