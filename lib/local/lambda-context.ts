/**
 * A Lambda `Context` for an in-process invocation: the same fields the Node.js runtime provides, with the remaining
 * time counting down from the function's timeout.
 *
 * @example
 * const context = lambdaContext({ functionName: 'health', timeoutMs: 30_000, memoryMb: 256, region, accountId });
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { localArn } from './arn';

export interface LambdaContextOptions {
  readonly functionName: string;
  readonly timeoutMs: number;
  readonly memoryMb: number;
  readonly region: string;
  readonly accountId: string;
  readonly requestId?: string;
}

/**
 * A fresh context per invocation.
 *
 * @example
 * lambdaContext({ functionName: 'health', timeoutMs: 10_000, memoryMb: 512, region, accountId }).getRemainingTimeInMillis();
 */
export function lambdaContext(options: LambdaContextOptions): Context {
  const deadline = Date.now() + options.timeoutMs;
  const functionName = `permit-local-${options.functionName}`;
  const unsupported = () => {
    throw new Error('callback-style completion (done/succeed/fail) is not supported; return a promise');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: localArn(options.region, options.accountId, 'lambda', `function:${functionName}`),
    memoryLimitInMB: String(options.memoryMb),
    awsRequestId: options.requestId ?? randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/[$LATEST]${randomUUID().replaceAll('-', '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}
