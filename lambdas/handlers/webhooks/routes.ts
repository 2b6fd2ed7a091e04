/**
 * The `webhooks-admin` function: the webhook subscription routes of `subscriptions.ts` behind one router.
 */
import { router } from '../../shared/router';
import { get, list, register, rotate } from './subscriptions';

export const handler = router([register, list, get, rotate]);
