/**
 * Load and invoke function handlers in this process: the modules named by `entry` in the function registry — the
 * same files CDK bundles — imported once (a cold start), then invoked with a Lambda-like context and the function's
 * timeout.
 *
 * @example
 * const handler = await loadHandler(definition, repoRoot);
 * const outcome = await invokeHandler(handler, event, { definition, region, accountId });
 */
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { type RouteContract, routeKey } from '../../lambdas/contracts/route';
import type { FunctionDefinition } from '../../lambdas/functions';
import { LocalRuntimeError } from './errors';
import { lambdaContext } from './lambda-context';

export type LambdaHandler = (event: unknown, context: Context) => unknown;

/**
 * Defaults for functions that set none — the same as the CDK function construct (`lib/constructs/permit-function.ts`),
 * which is not imported here because it would load aws-cdk-lib into the runtime.
 */
export const DEFAULT_FUNCTION_TIMEOUT_SECONDS = 10;
export const DEFAULT_FUNCTION_MEMORY_MB = 512;

/**
 * Import a function's module (its cold start) and return its `handler` export.
 *
 * @example
 * const handler = await loadHandler({ name: 'health', entry: 'lambdas/handlers/health.ts', … }, REPO_ROOT);
 */
export async function loadHandler(definition: FunctionDefinition, rootDir: string): Promise<LambdaHandler> {
  const file = isAbsolute(definition.entry) ? definition.entry : resolve(rootDir, definition.entry);
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    throw new LocalRuntimeError(
      'HANDLER_LOAD_FAILED',
      `function "${definition.name}" failed to load ${definition.entry}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const handler = module.handler;
  if (typeof handler !== 'function') {
    throw new LocalRuntimeError(
      'HANDLER_LOAD_FAILED',
      `${definition.entry} does not export a function named "handler"`,
    );
  }
  assertServesItsRoutes(definition, handler as LambdaHandler & { routeKeys?: unknown; contract?: unknown });
  return handler as LambdaHandler;
}

/**
 * The routes a handler serves (a router's `routeKeys`, a single route handler's `contract`) must be exactly the ones
 * `lambdas/functions.ts` gives its function — else the cloud would send it requests it does not route, or the other
 * way round. Fails the start, naming both lists.
 */
function assertServesItsRoutes(
  definition: FunctionDefinition,
  handler: { routeKeys?: unknown; contract?: unknown },
): void {
  const listed = (definition.routes ?? []).map(routeKey).sort();
  const contract = handler.contract as RouteContract | undefined;
  // Test fixtures (outside lambdas/) may mount bare functions; every real function's handler declares its routes.
  if (!Array.isArray(handler.routeKeys) && !contract && !definition.entry.startsWith('lambdas/')) return;
  const served = Array.isArray(handler.routeKeys)
    ? [...(handler.routeKeys as string[])].sort()
    : contract
      ? [routeKey(contract)]
      : [];
  if (listed.join('\n') !== served.join('\n')) {
    throw new LocalRuntimeError(
      'HANDLER_ROUTES_MISMATCH',
      `${definition.entry} serves [${served.join(', ')}] but lambdas/functions.ts gives "${definition.name}" ` +
        `[${listed.join(', ')}]`,
    );
  }
}

export interface InvokeOptions {
  readonly definition: FunctionDefinition;
  readonly region: string;
  readonly accountId: string;
  readonly requestId?: string;
  /** Give up earlier than the function's own timeout (API Gateway stops waiting after 30 s). */
  readonly timeoutMs?: number;
}

export type InvokeOutcome =
  | { readonly status: 'ok'; readonly result: unknown }
  | { readonly status: 'error'; readonly error: unknown }
  | { readonly status: 'timeout' };

/** The function's timeout in milliseconds (its own, or the construct default). */
export function functionTimeoutMs(definition: FunctionDefinition): number {
  return (definition.timeoutSeconds ?? DEFAULT_FUNCTION_TIMEOUT_SECONDS) * 1000;
}

/** Invoke; never throws. A timed-out invocation keeps running in the background (Lambda would freeze it). */
export async function invokeHandler(
  handler: LambdaHandler,
  event: unknown,
  options: InvokeOptions,
): Promise<InvokeOutcome> {
  const timeoutMs = Math.min(functionTimeoutMs(options.definition), options.timeoutMs ?? Number.POSITIVE_INFINITY);
  const context = lambdaContext({
    functionName: options.definition.name,
    timeoutMs,
    memoryMb: options.definition.memoryMb ?? DEFAULT_FUNCTION_MEMORY_MB,
    region: options.region,
    accountId: options.accountId,
    ...(options.requestId ? { requestId: options.requestId } : {}),
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<InvokeOutcome>((done) => {
    timer = setTimeout(() => done({ status: 'timeout' }), timeoutMs);
  });
  const run = (async (): Promise<InvokeOutcome> => {
    try {
      return { status: 'ok', result: await handler(event, context) };
    } catch (error) {
      return { status: 'error', error };
    }
  })();
  try {
    return await Promise.race([run, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
