/**
 * Wiring of the one outbox: the stored messages on the table, the SQS publisher (each topic to its queue of
 * `lib/resources.ts`; the process's override in tests) and the relay's deps.
 *
 * @example
 * await relayOutbox(relayDeps());
 */
import { adoptPendingDispatches, DynamoOutboxStore } from '../adapters/dynamo/outbox-store';
import { SqsOutboxPublisher } from '../adapters/sqs/outbox-publisher';
import type { OutboxPublisher } from '../ports/outbox-publisher';
import type { OutboxStore } from '../ports/outbox-store';
import { dynamoClient, sqsClient } from '../shared/clients';
import { config } from '../shared/config';
import type { RelayDeps } from '../use-cases/outbox/relay';
import { clock } from './clock';
import { once } from './once';
import { compositionOverrides } from './overrides';

export const outboxStore = once<OutboxStore>(() => new DynamoOutboxStore(dynamoClient(), config().tableName));

export const outboxPublisher = once<OutboxPublisher>(
  () => compositionOverrides().publisher ?? new SqsOutboxPublisher(sqsClient(), (queue) => config().queueUrls[queue]),
);

/**
 * Deps of the relay; `parts` replace any of them.
 *
 * @example
 * await relayOutbox(relayDeps({ clock }));
 */
export const relayDeps = (parts: Partial<RelayDeps> = {}): RelayDeps => ({
  outbox: outboxStore(),
  publisher: outboxPublisher(),
  clock,
  ...parts,
});

/**
 * The one-off storage upgrade of a table written before the outbox (`adoptPendingDispatches`): the local runtime runs
 * it at every start, before any handler loads; it finds nothing on a table written since.
 *
 * @example
 * const moved = await adoptLegacyOutbox();
 */
export const adoptLegacyOutbox = (): Promise<number> => adoptPendingDispatches(dynamoClient(), config().tableName);
