/**
 * The outbox relay (scheduled every minute): re-sends every topic's outbox messages still pending after their relay
 * time — an SQS outage at publish time, a crash between the commit and the publish, a local queue lost on restart.
 * Reads the relay index page by page (Query, never Scan), at most `MAX_PAGES` pages per run.
 */
import { relayDeps } from '../composition/outbox';
import { logger } from '../shared/logger';
import { type RelayResult, relayOutbox } from '../use-cases/outbox/relay';

const PAGE = 100;
const MAX_PAGES = 20;

export const handler = async (): Promise<RelayResult> => {
  const deps = relayDeps();
  const total = { due: 0, claimed: 0, sent: 0 };
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await relayOutbox(deps, { limit: PAGE });
    total.due += result.due;
    total.claimed += result.claimed;
    total.sent += result.sent;
    if (result.due < PAGE) break;
  }
  if (total.due > 0) logger.info('relay run', total);
  return total;
};
