/**
 * A function's bundle built with esbuild's API exactly as `PermitFunction` has CDK build it (same esbuild, same
 * arguments), without synthesizing a stack: for the bench and for tests that look inside a bundle.
 * `test/infra/verify-bundle.test.ts` checks that it gives the bytes CDK deploys.
 */
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { buckets, queues, signingKey, table } from '../resources';
import type { TracingMode } from '../stage-config';
import {
  bundleDefines,
  ESM_REQUIRE_BANNER,
  FUNCTION_RUNTIME,
  PROJECT_ROOT,
  UNREACHED_CREDENTIAL_PROVIDERS,
} from './permit-function';

/**
 * One bundled function: the code (`index.mjs`, ending in a link to its map), the source map beside it, the inputs.
 *
 * @example
 * const { code, map } = await bundleAsDeployed('lambdas/handlers/verify-routes.ts');
 */
export interface DeployedBundle {
  readonly code: Uint8Array;
  readonly map: Uint8Array;
  readonly metafile: Metafile;
}

/**
 * Bundle `entry` (relative to the repository root) as CDK bundles a Permit function, in memory, for a stage tracing
 * with `tracing` (default `lambda-only`, the production stage's: no Powertools Tracer in the bundle).
 *
 * @example
 * const { code, metafile } = await bundleAsDeployed('lambdas/handlers/verify-routes.ts');
 * code.length; // bytes of index.mjs
 */
export async function bundleAsDeployed(entry: string, tracing: TracingMode = 'lambda-only'): Promise<DeployedBundle> {
  const out = await build({
    entryPoints: [join(PROJECT_ROOT, entry)],
    absWorkingDir: PROJECT_ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    // CDK's default target: the runtime's Node.js major.
    target: `node${FUNCTION_RUNTIME.name.replace(/^nodejs(\d+).*$/, '$1')}`,
    mainFields: ['module', 'main'],
    minify: true,
    sourcemap: 'linked',
    sourcesContent: false,
    charset: 'utf8',
    banner: { js: ESM_REQUIRE_BANNER },
    // The Powertools Tracer only where the stage traces with it.
    define: bundleDefines(tracing),
    external: [...UNREACHED_CREDENTIAL_PROVIDERS],
    outfile: join(PROJECT_ROOT, 'cdk.out/bundle/index.mjs'),
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const file = (suffix: string) => out.outputFiles.find((f) => f.path.endsWith(suffix))?.contents ?? new Uint8Array();
  return { code: file('index.mjs'), map: file('index.mjs.map'), metafile: out.metafile };
}

/**
 * An environment in which a bundle can load: every variable `lambdas/shared/config.ts` requires at cold start, with
 * placeholder values (nothing is contacted while a bundle loads).
 *
 * @example
 * spawnSync(process.execPath, ['index.mjs'], { env: { ...process.env, ...placeholderEnvironment() } });
 */
export function placeholderEnvironment(): Record<string, string> {
  const env: Record<string, string> = {
    AWS_REGION: 'cn-north-1',
    [table.envVar]: 'permit-bundle',
    PUBLIC_BASE_URL: 'https://permit.amr.hubei.gov.cn',
    SIGNER: 'kms',
    [signingKey.envVar]: 'alias/permit-bundle',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  for (const b of Object.values(buckets)) env[b.envVar] = `permit-bundle-${b.localName}`;
  for (const q of Object.values(queues)) {
    env[q.envVar] = `http://127.0.0.1:9/queue/${q.localName}`;
    env[q.deadLetter.envVar] = `http://127.0.0.1:9/queue/${q.deadLetter.localName}`;
  }
  return env;
}
