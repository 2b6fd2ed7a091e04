/**
 * The `webhooks-admin` function: the webhook subscription routes of `subscriptions.ts` and the test event of
 * `test-event.ts` behind one router.
 */
import { router } from '../../shared/router';
import { deliveries, get, list, register, rotate, state } from './subscriptions';
import { test } from './test-event';

export const handler = router([register, list, get, rotate, state, deliveries, test]);
