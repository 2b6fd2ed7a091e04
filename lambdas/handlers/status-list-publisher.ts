/**
 * The status-list publisher, triggered by the status-list queue and every 5 minutes: the licences the messages name get
 * their current statuses in the list, signed once and stored at the next version (`publishStatusList`); on the
 * schedule, the first list of a new table, or the list signed again once an hour old. A failure fails the whole batch:
 * the messages come back after the visibility timeout, and the relay re-sends any that were lost.
 */
import type { SQSEvent } from 'aws-lambda';
import { statusListPublisherDeps } from '../composition/status-list';
import { publishStatusList, type StatusListPublication } from '../use-cases/status-list/publish';

const deps = statusListPublisherDeps();

export const handler = async (event: Partial<SQSEvent>): Promise<StatusListPublication> =>
  publishStatusList(deps, { bodies: (event.Records ?? []).map((record) => record.body) });
