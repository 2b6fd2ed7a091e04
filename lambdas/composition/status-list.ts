/**
 * Wiring of the status-list publisher (`status-list-publisher` function): the list and the register on the table, the
 * certificate signer (KMS in the cloud, the local key store locally), the outbox it completes, and the list's URL.
 *
 * @example
 * await publishStatusList(statusListPublisherDeps(), { bodies });
 */
import { DynamoCertificateRepository } from '../adapters/dynamo/certificate-repository';
import { DynamoStatusListStore } from '../adapters/dynamo/status-list-store';
import type { StatusListStore } from '../ports/status-list-store';
import { dynamoClient } from '../shared/clients';
import { config } from '../shared/config';
import { STATUS_LIST_PATH, type StatusListPublisherDeps } from '../use-cases/status-list/publish';
import { signer } from './certificate-signer';
import { clock } from './clock';
import { once } from './once';
import { outboxStore } from './outbox';

export const statusListStore = once<StatusListStore>(
  () => new DynamoStatusListStore(dynamoClient(), config().tableName),
);

/**
 * The list's stable URL: the public base URL and `/status-lists/1` (its `sub`).
 *
 * @example
 * statusListUrl(); // 'https://permit.amr.hubei.gov.cn/status-lists/1'
 */
export const statusListUrl = (): string => `${config().publicBaseUrl}${STATUS_LIST_PATH}`;

/**
 * Deps of the publisher; `parts` replace any of them.
 *
 * @example
 * await publishStatusList(statusListPublisherDeps({ clock }), {});
 */
export const statusListPublisherDeps = (parts: Partial<StatusListPublisherDeps> = {}): StatusListPublisherDeps => ({
  store: statusListStore(),
  register: new DynamoCertificateRepository(dynamoClient(), config().tableName),
  signer,
  outbox: outboxStore(),
  clock,
  listUrl: statusListUrl(),
  ...parts,
});
