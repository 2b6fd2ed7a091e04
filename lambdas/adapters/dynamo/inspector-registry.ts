/**
 * DynamoDB adapter of {@link InspectorRegistry}. Key shape (see `docs/storage.md`): `INSPECTOR#{id}` / `#HEAD`, gsi1
 * `INSPECTORS` / `{id}` (the registry in id order, one Query a page).
 *
 * @example
 * const registry = new DynamoInspectorRegistry(dynamoClient(), config().tableName);
 */
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../domain/errors';
import type { InspectorSnapshot } from '../../domain/supervision/inspector';
import type { InspectorRegistry } from '../../ports/inspector-registry';
import type { Page, PageRequest } from '../../ports/page';
import { putAtRevision, putIfAbsent } from './conditional-writes';
import { queryPage } from './pagination';

const inspectorKey = (id: string) => ({ pk: `INSPECTOR#${id}`, sk: '#HEAD' });

const inspectorItem = (s: InspectorSnapshot): Record<string, unknown> => ({
  ...inspectorKey(s.id),
  type: 'inspector',
  revision: s.revision,
  inspector: s,
  gsi1pk: 'INSPECTORS',
  gsi1sk: s.id,
});

export class DynamoInspectorRegistry implements InspectorRegistry {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(id: string): Promise<InspectorSnapshot | undefined> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: inspectorKey(id), ConsistentRead: true }),
    );
    return out.Item?.inspector as InspectorSnapshot | undefined;
  }

  async add(inspector: InspectorSnapshot): Promise<void> {
    if (!(await putIfAbsent(this.client, this.tableName, inspectorItem(inspector)))) {
      throw new ConflictError('SUPERVISION_INSPECTOR_EXISTS', `inspector ${inspector.id} is registered already`);
    }
  }

  save(inspector: InspectorSnapshot, expectedRevision: number): Promise<void> {
    return putAtRevision(
      this.client,
      this.tableName,
      inspectorItem(inspector),
      expectedRevision,
      `inspector ${inspector.id}`,
    );
  }

  list(page: PageRequest): Promise<Page<InspectorSnapshot>> {
    return queryPage(
      this.client,
      this.tableName,
      {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': 'INSPECTORS' },
      },
      page,
      (item) => item.inspector as InspectorSnapshot,
    );
  }
}
