/**
 * DynamoDB adapter of {@link StatusListStore}: the published status list on the one table. Key shapes
 * (`docs/storage.md`), in the list's own partition beside the slots licences hold:
 * - the list `SLIST#1` / `#LIST` — `version`, the signed token `jwt` (about 7 KB for a list with 2 % of licences not
 *   valid), its `iat` and `exp`; written only at the next version, so concurrent publishers never overwrite each
 *   other's list;
 * - a slot `SLIST#1` / `IDX#{index, 6 digits}` — `licenceNo`, the licence holding it (written by the certificate
 *   repository: at issuance, or by the slot backfill).
 *
 * @example
 * const store = new DynamoStatusListStore(dynamoClient(), config().tableName);
 * const list = await store.published();
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { PublishedStatusList, StatusListStore } from '../../ports/status-list-store';
import { keys } from './certificate-repository';
import { isConditionFailure } from './conditional-writes';

const LIST_KEY = { pk: 'SLIST#1', sk: '#LIST' } as const;

export class DynamoStatusListStore implements StatusListStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async published(): Promise<PublishedStatusList | undefined> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: LIST_KEY, ConsistentRead: true }),
    );
    const item = out.Item;
    if (!item) return undefined;
    return {
      version: item.version as number,
      jwt: item.jwt as string,
      iat: item.iat as number,
      exp: item.exp as number,
    };
  }

  async isAllocated(index: number): Promise<boolean> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.statusSlot(index), ProjectionExpression: 'pk' }),
    );
    return out.Item !== undefined;
  }

  async publish(list: PublishedStatusList): Promise<boolean> {
    const first = list.version === 1;
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...LIST_KEY, type: 'status-list', ...list },
          ConditionExpression: first ? 'attribute_not_exists(pk)' : 'version = :previous',
          ...(first ? {} : { ExpressionAttributeValues: { ':previous': list.version - 1 } }),
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
