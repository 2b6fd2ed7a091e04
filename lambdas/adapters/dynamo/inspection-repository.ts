/**
 * DynamoDB adapter of {@link InspectionRepository}. Key shape (see `docs/storage.md`): `INSP#{id}` / `#HEAD`, gsi2
 * `INSPSTATE#{state}` / `{overdueAfter}#{id}` (the due date, or the rectification deadline while rectifying), so
 * "due before a date" and the overdue job are one Query each. Spot checks also carry gsi3 `INSPPLAN#{planId}` / `{id}`
 * (a plan's checks in draw order: the id ends with the 5-digit position) and, only while their latest result awaits
 * publication, gsi1 `INSPPUB#PENDING` / `{dueBy}#{id}` (sparse), so pending and overdue publications are one Query.
 *
 * @example
 * const inspections = new DynamoInspectionRepository(dynamoClient(), config().tableName);
 */
import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { Inspection, type InspectionSnapshot, type InspectionState } from '../../domain/inspection';
import type { InspectionRepository } from '../../ports/inspection-repository';
import type { Page, PageRequest } from '../../ports/page';
import { putAtRevision, putIfAbsent } from './conditional-writes';
import { queryPage } from './pagination';
import { licenceFromStorage } from './stored-records';

/** DynamoDB's most items in one transaction. */
const TRANSACT_ITEMS = 100;

export const inspectionKey = (id: string) => ({ pk: `INSP#${id}`, sk: '#HEAD' });

/** An inspection as stored: its licence number as printed text. */
type StoredInspection = Omit<InspectionSnapshot, 'licenceNo'> & { readonly licenceNo: string };

const inspectionFromStorage = (stored: StoredInspection): InspectionSnapshot => ({
  ...stored,
  licenceNo: licenceFromStorage(stored.licenceNo),
});

/**
 * The item of an inspection (also written as a transaction part: `inspection-scheduled`, with `attribute_not_exists`).
 *
 * @example
 * inspectionItem(inspection.toSnapshot()).pk; // 'INSP#INSP-APP-…'
 */
export function inspectionItem(s: InspectionSnapshot): Record<string, unknown> {
  return {
    ...inspectionKey(s.id),
    type: 'inspection',
    revision: s.revision,
    inspection: { ...s, licenceNo: s.licenceNo.toString() } satisfies StoredInspection,
    gsi2pk: `INSPSTATE#${s.state}`,
    gsi2sk: `${Inspection.rehydrate(s).overdueAfter}#${s.id}`,
    ...(s.plan ? { gsi3pk: `INSPPLAN#${s.plan.id}`, gsi3sk: s.id } : {}),
    ...(s.publication && !s.publication.publishedAt
      ? { gsi1pk: PUBLICATIONS_PENDING, gsi1sk: `${s.publication.dueBy}#${s.id}` }
      : {}),
  };
}

const PUBLICATIONS_PENDING = 'INSPPUB#PENDING';

export class DynamoInspectionRepository implements InspectionRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(id: string): Promise<InspectionSnapshot | undefined> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: inspectionKey(id), ConsistentRead: true }),
    );
    const stored = out.Item?.inspection as StoredInspection | undefined;
    return stored ? inspectionFromStorage(stored) : undefined;
  }

  async create(inspection: InspectionSnapshot): Promise<'created' | 'exists'> {
    return (await putIfAbsent(this.client, this.tableName, inspectionItem(inspection))) ? 'created' : 'exists';
  }

  async createAll(inspections: readonly InspectionSnapshot[]): Promise<void> {
    const chunks: InspectionSnapshot[][] = [];
    for (let i = 0; i < inspections.length; i += TRANSACT_ITEMS) chunks.push(inspections.slice(i, i + TRANSACT_ITEMS));
    await Promise.all(chunks.map((chunk) => this.#createChunk(chunk)));
  }

  /** One transaction of absent items; when some exist (a retried draw), each is created on its own if absent. */
  async #createChunk(chunk: readonly InspectionSnapshot[]): Promise<void> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: chunk.map((inspection) => ({
            Put: {
              TableName: this.tableName,
              Item: inspectionItem(inspection),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          })),
        }),
      );
    } catch (error) {
      if ((error as { name?: string }).name !== 'TransactionCanceledException') throw error;
      await Promise.all(chunk.map((inspection) => this.create(inspection)));
    }
  }

  save(inspection: InspectionSnapshot, expectedRevision: number): Promise<void> {
    return putAtRevision(
      this.client,
      this.tableName,
      inspectionItem(inspection),
      expectedRevision,
      `review ${inspection.id}`,
    );
  }

  async list(
    filter: { state: InspectionState; before?: string },
    page: PageRequest,
  ): Promise<Page<InspectionSnapshot>> {
    return queryPage(
      this.client,
      this.tableName,
      {
        IndexName: 'gsi2',
        KeyConditionExpression: filter.before ? 'gsi2pk = :pk AND gsi2sk < :before' : 'gsi2pk = :pk',
        ExpressionAttributeValues: {
          ':pk': `INSPSTATE#${filter.state}`,
          // `{date}#{id}` < `{before}$` keeps every item due on `before` itself ('$' sorts after '#').
          ...(filter.before ? { ':before': `${filter.before}$` } : {}),
        },
        ScanIndexForward: true,
      },
      page,
      (i) => inspectionFromStorage(i.inspection as StoredInspection),
    );
  }

  async listByPlan(planId: string, page: PageRequest): Promise<Page<InspectionSnapshot>> {
    return queryPage(
      this.client,
      this.tableName,
      {
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :pk',
        ExpressionAttributeValues: { ':pk': `INSPPLAN#${planId}` },
        ScanIndexForward: true,
      },
      page,
      (i) => inspectionFromStorage(i.inspection as StoredInspection),
    );
  }

  async listPublications(filter: { dueBefore?: string }, page: PageRequest): Promise<Page<InspectionSnapshot>> {
    return queryPage(
      this.client,
      this.tableName,
      {
        IndexName: 'gsi1',
        // `{dueBy}#{id}` < `{dueBefore}` holds exactly when dueBy is before that day.
        KeyConditionExpression: filter.dueBefore ? 'gsi1pk = :pk AND gsi1sk < :before' : 'gsi1pk = :pk',
        ExpressionAttributeValues: {
          ':pk': PUBLICATIONS_PENDING,
          ...(filter.dueBefore ? { ':before': filter.dueBefore } : {}),
        },
        ScanIndexForward: true,
      },
      page,
      (i) => inspectionFromStorage(i.inspection as StoredInspection),
    );
  }
}
