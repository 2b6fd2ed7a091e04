/**
 * DynamoDB adapter of {@link AdminAuditLog}: one partition, `ADMIN-AUDIT` / `{at}#{id}`, written only if absent, so a
 * retried append never rewrites an entry and the newest entries are one Query read backwards.
 *
 * @example
 * const log = new DynamoAdminAuditLog(dynamoClient(), config().tableName);
 * await log.append({ id, at, action: 'signing-key-compromised', actor, subject: kid });
 */
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AdminAuditEntry, AdminAuditLog } from '../../ports/admin-audit-log';

const PK = 'ADMIN-AUDIT';

export class DynamoAdminAuditLog implements AdminAuditLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async append(entry: AdminAuditEntry): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: PK, sk: `${entry.at}#${entry.id}`, type: 'admin-audit', entry },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async recent(limit: number): Promise<readonly AdminAuditEntry[]> {
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': PK },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((i) => i.entry as AdminAuditEntry);
  }
}
