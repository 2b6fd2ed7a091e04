/**
 * The CloudFormation custom resource `Custom::PermitCursorKeys` (stateful stack): creates the stage's list-cursor key
 * set as an SSM `SecureString` parameter. CloudFormation's `AWS::SSM::Parameter` cannot create a `SecureString`, and a
 * value written into a template (or an `AwsCustomResource` call) would sit in the template and the stack's history;
 * here the secret is generated inside this function with `node:crypto` and goes from it straight to SSM.
 *
 * - Create: write a fresh key set (`Overwrite: false`). A parameter that already exists — kept from an earlier
 *   stack — is adopted as it is, so its outstanding cursors stay valid.
 * - Update: nothing, unless the parameter name changed (then as Create). A deployment never rotates the key;
 *   rotation is `npm run cursor-keys -- rotate --parameter …`.
 * - Delete: removes the parameter only if this resource created it and the stage's removal policy is `destroy`.
 *
 * The answer goes to CloudFormation's presigned `ResponseURL` (the custom resource protocol), with no secret in it.
 *
 * @example
 * // lib/constructs/cursor-keys-parameter.ts
 * new CustomResource(this, 'Resource', { serviceToken: provider.functionArn, resourceType: 'Custom::PermitCursorKeys',
 *   properties: { ParameterName: '/permit/dev/cursor-keys', DeleteOnRemoval: 'true' } });
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { DeleteParameterCommand, PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { cursorKeysResourceDeps } from '../composition/cursor-keys-resource';
import type { Clock } from '../ports/clock';
import { generateCursorKeySet, serialiseCursorKeySet } from '../shared/cursors/key-set';
import { logger } from '../shared/logger';

export interface CursorKeysResourceProperties {
  readonly ParameterName: string;
  /** `'true'` where the stage's removal policy is `destroy`. */
  readonly DeleteOnRemoval?: string;
}

/** The fields of a CloudFormation custom resource request this provider reads. */
export interface CustomResourceEvent {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly ResponseURL: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties: CursorKeysResourceProperties;
  readonly OldResourceProperties?: CursorKeysResourceProperties;
}

/** Physical id of a parameter this resource found instead of creating (never deleted by it). */
const ADOPTED = 'adopted:';

const errorName = (error: unknown): string | undefined => (error as { name?: string } | undefined)?.name;

/** Create the parameter, or adopt an existing one; the physical id says which. */
async function createOrAdopt(ssm: Pick<SSMClient, 'send'>, name: string, clock: Clock): Promise<string> {
  try {
    await ssm.send(
      new PutParameterCommand({
        Name: name,
        Type: 'SecureString',
        Value: serialiseCursorKeySet(generateCursorKeySet(clock.now())),
        Overwrite: false,
        Description: 'Permit: keys that seal list cursors (rotate with npm run cursor-keys -- rotate)',
      }),
    );
    return name;
  } catch (error) {
    if (errorName(error) !== 'ParameterAlreadyExists') throw error;
    return `${ADOPTED}${name}`;
  }
}

/**
 * Carry out one request; returns the physical resource id to answer with.
 *
 * @example
 * const physicalResourceId = await applyCursorKeys(event, new SSMClient({}), systemClock);
 */
export async function applyCursorKeys(
  event: CustomResourceEvent,
  ssm: Pick<SSMClient, 'send'>,
  clock: Clock,
): Promise<string> {
  const name = event.ResourceProperties.ParameterName;
  if (!/^(\/[A-Za-z0-9_.-]+)+$/.test(name ?? '')) throw new Error(`ParameterName must be an SSM path: ${name}`);
  switch (event.RequestType) {
    case 'Create':
      return createOrAdopt(ssm, name, clock);
    case 'Update':
      if (event.OldResourceProperties?.ParameterName === name && event.PhysicalResourceId) {
        return event.PhysicalResourceId;
      }
      return createOrAdopt(ssm, name, clock);
    case 'Delete': {
      const physical = event.PhysicalResourceId ?? '';
      const ours = physical.startsWith('/') ? physical : undefined;
      if (ours && event.ResourceProperties.DeleteOnRemoval === 'true') {
        try {
          await ssm.send(new DeleteParameterCommand({ Name: ours }));
        } catch (error) {
          if (errorName(error) !== 'ParameterNotFound') throw error;
        }
      }
      return physical;
    }
  }
}

export interface CustomResourceAnswer {
  readonly Status: 'SUCCESS' | 'FAILED';
  readonly Reason?: string;
  readonly PhysicalResourceId: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
  readonly Data?: Readonly<Record<string, string>>;
}

/**
 * PUT the answer to the presigned response URL. The URL's signature covers an empty `Content-Type`, so none is sent.
 *
 * @example
 * await sendAnswer(event.ResponseURL, { Status: 'SUCCESS', PhysicalResourceId: name, … });
 */
export function sendAnswer(responseUrl: string, answer: CustomResourceAnswer): Promise<void> {
  const body = Buffer.from(JSON.stringify(answer), 'utf8');
  const url = new URL(responseUrl);
  const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      { method: 'PUT', headers: { 'content-type': '', 'content-length': body.length }, timeout: 10_000 },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode && res.statusCode < 300
            ? resolve()
            : reject(new Error(`the response URL answered ${res.statusCode}`)),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error('the response URL did not answer in 10 s')));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Handle one request and always answer CloudFormation (a provider that never answers stalls the stack).
 *
 * @example
 * await handleCursorKeysEvent(event, { ssm: new SSMClient({}), clock: systemClock });
 */
export async function handleCursorKeysEvent(
  event: CustomResourceEvent,
  deps: { readonly ssm: Pick<SSMClient, 'send'>; readonly clock: Clock },
): Promise<CustomResourceAnswer> {
  const base = { StackId: event.StackId, RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId };
  let answer: CustomResourceAnswer;
  try {
    const physical = await applyCursorKeys(event, deps.ssm, deps.clock);
    answer = {
      ...base,
      Status: 'SUCCESS',
      PhysicalResourceId: physical,
      Data: { ParameterName: physical.replace(ADOPTED, '') },
    };
  } catch (error) {
    logger.error('cursor key set not provisioned', { requestType: event.RequestType, error });
    answer = {
      ...base,
      Status: 'FAILED',
      Reason: `${errorName(error) ?? 'Error'}: ${(error as Error)?.message ?? String(error)}`.slice(0, 500),
      PhysicalResourceId: event.PhysicalResourceId ?? `failed-${event.RequestId}`,
    };
  }
  await sendAnswer(event.ResponseURL, answer);
  return answer;
}

export const handler = async (event: CustomResourceEvent): Promise<void> => {
  const answer = await handleCursorKeysEvent(event, cursorKeysResourceDeps());
  logger.info('answered CloudFormation', {
    requestType: event.RequestType,
    status: answer.Status,
    physicalResourceId: answer.PhysicalResourceId,
  });
};
