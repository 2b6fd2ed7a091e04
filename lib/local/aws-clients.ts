/**
 * SDK client settings for talking to the emulators from the runtime itself (provisioning, pollers, test helpers).
 * Handlers never use these: they get their endpoints from `AWS_ENDPOINT_URL_*` like in the cloud.
 *
 * @example
 * const sqs = new SQSClient(emulatorClientConfig(endpoints.sqs, endpoints.region));
 */
import { S3RVER_CREDENTIALS } from './s3-local';

export interface EmulatorClientConfig {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** s3rver accepts only its own key; DynamoDB Local and fauxqs accept any, so one pair serves all three. */
export const emulatorClientConfig = (endpoint: string, region: string): EmulatorClientConfig => ({
  endpoint,
  region,
  credentials: { ...S3RVER_CREDENTIALS },
});
