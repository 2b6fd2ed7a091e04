/**
 * Wiring of the CloudFormation custom resource that creates the cursor key set (`lambdas/handlers/cursor-keys-resource.ts`):
 * an SSM client and the system clock. It reads no Permit configuration — the provider function has none.
 *
 * @example
 * await handleCursorKeysEvent(event, cursorKeysResourceDeps());
 */
import { SSMClient } from '@aws-sdk/client-ssm';
import { systemClock } from '../adapters/clock/system-clock';
import type { Clock } from '../ports/clock';
import { once } from './once';

const ssm = once(() => new SSMClient({}));

export const cursorKeysResourceDeps = (): { readonly ssm: Pick<SSMClient, 'send'>; readonly clock: Clock } => ({
  ssm: ssm(),
  clock: systemClock,
});
