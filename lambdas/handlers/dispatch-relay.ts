/**
 * The dispatch relay (scheduled every minute): re-sends pending dispatches whose `nextRelayAt` has passed — an SQS
 * outage at send time, a crash between the commit and the send, a local queue lost on restart. Reads the relay index
 * page by page (Query, never Scan), at most `MAX_PAGES` pages per run.
 */
import { dispatchDeps } from '../composition/dispatch';
import { logger } from '../shared/logger';
import { type RelayResult, relayDispatches } from '../use-cases/dispatch/dispatch';

const PAGE = 100;
const MAX_PAGES = 20;

export const handler = async (): Promise<RelayResult> => {
  const total = { due: 0, claimed: 0, sent: 0 };
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await relayDispatches(dispatchDeps(), { limit: PAGE });
    total.due += result.due;
    total.claimed += result.claimed;
    total.sent += result.sent;
    if (result.due < PAGE) break;
  }
  if (total.due > 0) logger.info('relay run', total);
  return total;
};
