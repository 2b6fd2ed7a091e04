/**
 * DynamoDB adapter of {@link ApplicationRepository}. Key shapes (see `docs/storage.md`):
 * - head `APP#{id}` / `#HEAD`: gsi1 `ENTAPP#{uscc}` / `{createdAt}#{id}`, gsi2 `APPSTATE#{state}` / `{updatedAt}#{id}`,
 *   gsi3 `APPS` / `{createdAt}#{id}`; `revision` is the optimistic lock.
 * - deadline `APP#{id}` / `#DEADLINE`: gsi1 `APPDUE` / `{dueOn}#{id}` while the application is open (sparse: the index
 *   keys are dropped once it is issued, rejected or closed) — overdue lists and deadline recomputation read it.
 * - document `APP#{id}` / `DOC#{docId}`.
 * - document read (staff audit) `APPREAD#{id}` / `{at}#{readId}`: its own partition, so the application's
 *   whole-partition read does not grow with every read.
 *
 * @example
 * const repository = new DynamoApplicationRepository(dynamoClient(), config().tableName);
 */
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { type ApplicationSnapshot, FINAL_APPLICATION_STATES } from '../../domain/application';
import type { ApplicationDocument, DocumentRead } from '../../domain/application-document';
import { ConflictError } from '../../domain/errors';
import type { ApplicationFilter, ApplicationRepository, FilingIdempotency } from '../../ports/application-repository';
import { CommitConflict, type ExtraWrite } from '../../ports/certificate-repository';
import type { Page, PageRequest } from '../../ports/page';
import { queryPage, queryPartition } from './pagination';

type Item = Record<string, unknown>;

export const applicationKeys = {
  head: (id: string) => ({ pk: `APP#${id}`, sk: '#HEAD' }),
  deadline: (id: string) => ({ pk: `APP#${id}`, sk: '#DEADLINE' }),
  document: (id: string, docId: string) => ({ pk: `APP#${id}`, sk: `DOC#${docId}` }),
  documentRead: (id: string, at: string, readId: string) => ({ pk: `APPREAD#${id}`, sk: `${at}#${readId}` }),
};

function headItem(a: ApplicationSnapshot): Item {
  return {
    ...applicationKeys.head(a.id),
    type: 'application',
    revision: a.revision,
    state: a.state,
    procedure: a.procedure,
    application: a,
    gsi1pk: `ENTAPP#${a.uscc}`,
    gsi1sk: `${a.createdAt}#${a.id}`,
    gsi2pk: `APPSTATE#${a.state}`,
    gsi2sk: `${a.updatedAt}#${a.id}`,
    gsi3pk: 'APPS',
    gsi3sk: `${a.createdAt}#${a.id}`,
  };
}

/** The deadline item: indexed only while the application is open. */
function deadlineItem(a: ApplicationSnapshot): Item | undefined {
  if (!a.deadline) return undefined;
  const open = !FINAL_APPLICATION_STATES.includes(a.state);
  return {
    ...applicationKeys.deadline(a.id),
    type: 'application-deadline',
    procedure: a.procedure,
    application: a,
    ...(open ? { gsi1pk: 'APPDUE', gsi1sk: `${a.deadline.dueOn}#${a.id}` } : {}),
  };
}

const isCancelled = (error: unknown): boolean =>
  (error as { name?: string }).name === 'TransactionCanceledException' ||
  (error as { name?: string }).name === 'ConditionalCheckFailedException';

export class DynamoApplicationRepository implements ApplicationRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(application: ApplicationSnapshot, idempotency?: FilingIdempotency): Promise<void> {
    if (!idempotency) {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: headItem(application),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return;
    }
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: headItem(application),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: { pk: `IDEM#${idempotency.key}`, sk: '#APPLICATION', type: 'idempotency', record: idempotency },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
    } catch (error) {
      if ((error as { name?: string }).name === 'TransactionCanceledException') throw new CommitConflict('idempotency');
      throw error;
    }
  }

  async findFiling(key: string): Promise<FilingIdempotency | undefined> {
    const out = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: `IDEM#${key}`, sk: '#APPLICATION' },
        ConsistentRead: true,
      }),
    );
    return out.Item ? (out.Item.record as FilingIdempotency) : undefined;
  }

  saveWrites(application: ApplicationSnapshot, expectedRevision: number): ExtraWrite[] {
    const deadline = deadlineItem(application);
    return [{ item: headItem(application), expectedRevision }, ...(deadline ? [{ item: deadline }] : [])];
  }

  async save(application: ApplicationSnapshot, expectedRevision: number): Promise<void> {
    const writes = this.saveWrites(application, expectedRevision);
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: writes.map((w) => ({
            Put: {
              TableName: this.tableName,
              Item: { ...w.item },
              ...(w.expectedRevision !== undefined
                ? { ConditionExpression: 'revision = :r', ExpressionAttributeValues: { ':r': w.expectedRevision } }
                : {}),
            },
          })),
        }),
      );
    } catch (error) {
      if (!isCancelled(error)) throw error;
      throw new ConflictError(
        'CONCURRENT_MODIFICATION',
        `application ${application.id} changed concurrently; read it again`,
      );
    }
  }

  async get(id: string): Promise<ApplicationSnapshot | undefined> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: applicationKeys.head(id), ConsistentRead: true }),
    );
    return out.Item?.application as ApplicationSnapshot | undefined;
  }

  async getWithDocuments(
    id: string,
  ): Promise<{ application: ApplicationSnapshot; documents: ApplicationDocument[] } | undefined> {
    const items = await queryPartition(this.client, this.tableName, `APP#${id}`);
    const head = items.find((i) => i.sk === '#HEAD');
    if (!head) return undefined;
    const documents = items
      .filter((i) => String(i.sk).startsWith('DOC#'))
      .map((i) => i.document as ApplicationDocument)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    return { application: head.application as ApplicationSnapshot, documents };
  }

  async putDocument(document: ApplicationDocument): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...applicationKeys.document(document.applicationId, document.id),
          type: 'application-document',
          document,
        },
      }),
    );
  }

  async recordDocumentRead(read: DocumentRead): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...applicationKeys.documentRead(read.applicationId, read.at, read.id), type: 'document-read', read },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async listDocumentReads(applicationId: string, limit: number): Promise<{ items: DocumentRead[]; more: boolean }> {
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `APPREAD#${applicationId}` },
        ScanIndexForward: false,
        Limit: limit + 1,
        ConsistentRead: true,
      }),
    );
    const items = (out.Items ?? []).map((i) => i.read as DocumentRead);
    return { items: items.slice(0, limit), more: items.length > limit };
  }

  listByUscc(uscc: string, page: PageRequest): Promise<Page<ApplicationSnapshot>> {
    return this.#query(
      {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': `ENTAPP#${uscc}` },
      },
      page,
    );
  }

  list(filter: ApplicationFilter, page: PageRequest): Promise<Page<ApplicationSnapshot>> {
    const byProcedure = filter.procedure
      ? { FilterExpression: '#proc = :proc', ExpressionAttributeNames: { '#proc': 'procedure' } }
      : {};
    const procValue = filter.procedure ? { ':proc': filter.procedure } : {};
    if (filter.overdueOn) {
      return this.#query(
        {
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk < :today',
          ExpressionAttributeValues: { ':pk': 'APPDUE', ':today': filter.overdueOn, ...procValue },
          ...byProcedure,
          ScanIndexForward: true,
        },
        page,
      );
    }
    if (filter.state) {
      return this.#query(
        {
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk',
          ExpressionAttributeValues: { ':pk': `APPSTATE#${filter.state}`, ...procValue },
          ...byProcedure,
        },
        page,
      );
    }
    return this.#query(
      {
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :pk',
        ExpressionAttributeValues: { ':pk': 'APPS', ...procValue },
        ...byProcedure,
      },
      page,
    );
  }

  listOpenDeadlines(page: PageRequest): Promise<Page<ApplicationSnapshot>> {
    return this.#query(
      {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': 'APPDUE' },
        ScanIndexForward: true,
      },
      page,
    );
  }

  #query(input: Omit<QueryCommandInput, 'TableName'>, page: PageRequest): Promise<Page<ApplicationSnapshot>> {
    return queryPage(
      this.client,
      this.tableName,
      { ScanIndexForward: false, ...input },
      page,
      (i) => i.application as ApplicationSnapshot,
    );
  }
}
