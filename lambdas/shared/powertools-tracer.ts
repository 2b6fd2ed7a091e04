/**
 * The Powertools Tracer of a function that traces with it (loaded by `tracer.ts` only when enabled): the process's
 * one `Tracer`, AWS SDK clients captured as X-Ray subsegments, and the handler middleware (cold start annotation,
 * the handler's own subsegment). Its aws-xray-sdk-core is ~125 KiB minified, which is why it is loaded lazily.
 *
 * @example
 * const client = captureClient(new DynamoDBClient({}));
 */
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';

export const tracer = new Tracer({ serviceName: 'permit' });

/**
 * An AWS SDK v3 client whose calls are traced.
 *
 * @example
 * captureClient(new SQSClient({ region }));
 */
export const captureClient = <T>(client: T): T => tracer.captureAWSv3Client(client);

/**
 * The middy middleware that traces a handler.
 *
 * @example
 * middy().use(traceHandler()).handler(fn);
 */
export const traceHandler = () => captureLambdaHandler(tracer);
