/**
 * DynamoDB adapter of {@link ApplicationRepository}. Key shapes (see `docs/storage.md`):
 * - head `APP#{id}` / `#HEAD`: gsi1 `ENTAPP#{uscc}` / `{createdAt}#{id}`, gsi2 `APPSTATE#{state}` / `{updatedAt}#{id}`,
 *   gsi3 `APPS` / `{createdAt}#{id}`; `revision` is the optimistic lock.
 * - deadline `APP#{id}` / `#DEADLINE`: gsi1 `APPDUE` / `{dueOn}#{id}` while the application is open (sparse: the index
 *   keys are dropped once it is issued, rejected or closed) — overdue lists and deadline recomputation read it.
 * - document `APP#{id}` / `DOC#{docId}`.
 * - document read (staff audit) `APPREAD#{id}` / `{at}#{readId}`: its own partition, so the application's
 *   whole-partition read does not grow with every read.
 * - worklist entries `APP#{id}` / `#WORK#1|2|3` (sparse: only once received — never a draft): the staff worklist's
 *   eight partitions, two orders × (all, by state, by procedure, by state and procedure), spread over the three
 *   index slots of three small companion items written in the same transaction as the head (`lib/resources.ts`: a
 *   feature adds key shapes, never an index). Sort keys: deadline order `{dueOn}#{receivedAt}#{id}` while the
 *   application is open with a deadline, else `~#{receivedAt}#{id}` (after every date); received order
 *   `{receivedAt}#{id}`. Partitions (`D` deadline, `R` received; `S` state, `P` procedure):
 *   `#WORK#1`: gsi1 `WL#D`, gsi2 `WL#R`, gsi3 `WL#D#P#{procedure}`;
 *   `#WORK#2`: gsi1 `WL#D#S#{state}`, gsi2 `WL#R#S#{state}`, gsi3 `WL#R#P#{procedure}`;
 *   `#WORK#3`: gsi1 `WL#D#SP#{state}#{procedure}`, gsi2 `WL#R#SP#{state}#{procedure}`.
 *   Overdue is a key range on a deadline partition (`sk < {today}`). Each entry carries the application's `revision`,
 *   so the backfill (`indexForWorklist`) never overwrites a newer entry. The marker `MIGRATION#worklist` / `#DONE`
 *   says the backfill ran to its end.
 * - timeline block `APP#{id}` / `TIMELINE#{nnnnn}`: {@link TIMELINE_BLOCK} older timeline entries each. The head and
 *   deadline items keep the filing and the latest 20–39 steps, so an application changed again and again never
 *   outgrows DynamoDB's 400 KB per item; the single-application reads put the whole timeline back together.
 *
 * The licence numbers of a request and an outcome are stored as printed text and parsed back on reading.
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
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import {
  type ApplicationOutcome,
  type ApplicationRequest,
  type ApplicationSnapshot,
  FINAL_APPLICATION_STATES,
  receivedAtOf,
  type TimelineEntry,
} from '../../domain/application';
import type { ApplicationDocument, DocumentRead } from '../../domain/application-document';
import { ConflictError } from '../../domain/errors';
import type {
  ApplicationFilter,
  ApplicationRepository,
  FilingIdempotency,
  WorklistQuery,
} from '../../ports/application-repository';
import { CommitConflict } from '../../ports/certificate-repository';
import type { Page, PageRequest } from '../../ports/page';
import { queryPage, queryPartition } from './pagination';
import { licenceFromStorage } from './stored-records';

type Item = Record<string, unknown>;
type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A request or outcome as stored: a licence number, where it has one, as printed text. */
type StoredLicenceOf<T> = T extends { readonly licenceNo: unknown }
  ? Omit<T, 'licenceNo'> & { readonly licenceNo: string }
  : T;

/** An application as stored (head, deadline and list items). */
type StoredApplication = Omit<ApplicationSnapshot, 'request' | 'outcome'> & {
  readonly request: StoredLicenceOf<ApplicationRequest>;
  readonly outcome?: StoredLicenceOf<ApplicationOutcome>;
};

function storedApplication(a: ApplicationSnapshot): StoredApplication {
  const { request, outcome, ...rest } = a;
  return {
    ...rest,
    request: 'licenceNo' in request ? { ...request, licenceNo: request.licenceNo.toString() } : request,
    ...(outcome ? { outcome: { ...outcome, licenceNo: outcome.licenceNo.toString() } } : {}),
  };
}

function applicationFromStorage(stored: StoredApplication): ApplicationSnapshot {
  const { request, outcome, ...rest } = stored;
  return {
    ...rest,
    request: ('licenceNo' in request
      ? { ...request, licenceNo: licenceFromStorage(request.licenceNo) }
      : request) as ApplicationRequest,
    ...(outcome ? { outcome: { ...outcome, licenceNo: licenceFromStorage(outcome.licenceNo) } } : {}),
  };
}

export const applicationKeys = {
  head: (id: string) => ({ pk: `APP#${id}`, sk: '#HEAD' }),
  deadline: (id: string) => ({ pk: `APP#${id}`, sk: '#DEADLINE' }),
  document: (id: string, docId: string) => ({ pk: `APP#${id}`, sk: `DOC#${docId}` }),
  documentRead: (id: string, at: string, readId: string) => ({ pk: `APPREAD#${id}`, sk: `${at}#${readId}` }),
  timelineBlock: (id: string, block: number) => ({ pk: `APP#${id}`, sk: `TIMELINE#${String(block).padStart(5, '0')}` }),
  worklist: (id: string, n: 1 | 2 | 3) => ({ pk: `APP#${id}`, sk: `#WORK#${n}` }),
  worklistMarker: { pk: 'MIGRATION#worklist', sk: '#DONE' },
};

/**
 * Timeline entries per archived block. Entries never change once written, so a block is written once, by the save
 * that completes it, and the head keeps between {@link TIMELINE_BLOCK} and twice as many recent entries.
 *
 * @example
 * application.timeline.length === 200; // head: the filing and the latest 39 steps; 8 blocks of 20 in the partition
 */
export const TIMELINE_BLOCK = 20;

/** How many entries after the filing live in blocks: whole blocks, leaving at least one block's worth in the head. */
const archivedCount = (timelineLength: number): number =>
  TIMELINE_BLOCK * Math.floor(Math.max(0, timelineLength - 1 - TIMELINE_BLOCK) / TIMELINE_BLOCK);

/** The application as the head, deadline and list items carry it: the filing and the latest steps. */
function recent(a: ApplicationSnapshot): ApplicationSnapshot {
  const archived = archivedCount(a.timeline.length);
  if (archived === 0) return a;
  return { ...a, timeline: [a.timeline[0] as TimelineEntry, ...a.timeline.slice(1 + archived)] };
}

/** The block completed by this save, if any (earlier ones were written by earlier saves). */
function lastBlockItem(a: ApplicationSnapshot): Item | undefined {
  const archived = archivedCount(a.timeline.length);
  if (archived === 0) return undefined;
  const block = archived / TIMELINE_BLOCK - 1;
  const start = 1 + block * TIMELINE_BLOCK;
  return {
    ...applicationKeys.timelineBlock(a.id, block),
    type: 'application-timeline',
    entries: a.timeline.slice(start, start + TIMELINE_BLOCK),
  };
}

/** The whole application from its partition's items: the head's recent timeline with the archived blocks before it. */
function assemble(items: readonly Item[]): ApplicationSnapshot | undefined {
  const stored = items.find((i) => i.sk === '#HEAD')?.application as StoredApplication | undefined;
  if (!stored) return undefined;
  const head = applicationFromStorage(stored);
  const archived = items
    .filter((i) => String(i.sk).startsWith('TIMELINE#'))
    .sort((a, b) => String(a.sk).localeCompare(String(b.sk)))
    .flatMap((i) => i.entries as TimelineEntry[]);
  if (archived.length === 0) return head;
  return { ...head, timeline: [head.timeline[0] as TimelineEntry, ...archived, ...head.timeline.slice(1)] };
}

function headItem(full: ApplicationSnapshot): Item {
  const a = recent(full);
  const archived = archivedCount(full.timeline.length);
  return {
    ...applicationKeys.head(a.id),
    type: 'application',
    ...(archived > 0 ? { archivedSteps: archived } : {}),
    revision: a.revision,
    state: a.state,
    procedure: a.procedure,
    application: storedApplication(a),
    gsi1pk: `ENTAPP#${a.uscc}`,
    gsi1sk: `${a.createdAt}#${a.id}`,
    gsi2pk: `APPSTATE#${a.state}`,
    gsi2sk: `${a.updatedAt}#${a.id}`,
    gsi3pk: 'APPS',
    gsi3sk: `${a.createdAt}#${a.id}`,
  };
}

/** The deadline item: indexed only while the application is open. */
function deadlineItem(full: ApplicationSnapshot): Item | undefined {
  if (!full.deadline) return undefined;
  const a = recent(full);
  const open = !FINAL_APPLICATION_STATES.includes(a.state);
  return {
    ...applicationKeys.deadline(a.id),
    type: 'application-deadline',
    procedure: a.procedure,
    application: storedApplication(a),
    ...(open ? { gsi1pk: 'APPDUE', gsi1sk: `${full.deadline.dueOn}#${a.id}` } : {}),
  };
}

/** The worklist's partition for an order and its filters (see the module's description). */
export function worklistPartition(query: Omit<WorklistQuery, 'overdueOn'>): { index: string; pk: string } {
  const o = query.sort === 'deadline' ? 'D' : 'R';
  const { state, procedure } = query;
  if (state && procedure) return { index: o === 'D' ? 'gsi1' : 'gsi2', pk: `WL#${o}#SP#${state}#${procedure}` };
  if (state) return { index: o === 'D' ? 'gsi1' : 'gsi2', pk: `WL#${o}#S#${state}` };
  if (procedure) return { index: 'gsi3', pk: `WL#${o}#P#${procedure}` };
  return { index: o === 'D' ? 'gsi1' : 'gsi2', pk: `WL#${o}` };
}

/** The three worklist entries of a received application (none for a draft). */
function worklistItems(full: ApplicationSnapshot): Item[] {
  if (full.state === 'draft') return [];
  const received = `${receivedAtOf(full)}#${full.id}`;
  const open = !FINAL_APPLICATION_STATES.includes(full.state);
  const byDeadline = open && full.deadline ? `${full.deadline.dueOn}#${received}` : `~#${received}`;
  const part = (query: Omit<WorklistQuery, 'overdueOn'>, slot: 'gsi1' | 'gsi2' | 'gsi3'): Record<string, string> => ({
    [`${slot}pk`]: worklistPartition(query).pk,
    [`${slot}sk`]: query.sort === 'deadline' ? byDeadline : received,
  });
  const { state, procedure } = full;
  const base = { type: 'application-worklist', revision: full.revision, application: storedApplication(recent(full)) };
  return [
    {
      ...applicationKeys.worklist(full.id, 1),
      ...base,
      ...part({ sort: 'deadline' }, 'gsi1'),
      ...part({ sort: 'received' }, 'gsi2'),
      ...part({ sort: 'deadline', procedure }, 'gsi3'),
    },
    {
      ...applicationKeys.worklist(full.id, 2),
      ...base,
      ...part({ sort: 'deadline', state }, 'gsi1'),
      ...part({ sort: 'received', state }, 'gsi2'),
      ...part({ sort: 'received', procedure }, 'gsi3'),
    },
    {
      ...applicationKeys.worklist(full.id, 3),
      ...base,
      ...part({ sort: 'deadline', state, procedure }, 'gsi1'),
      ...part({ sort: 'received', state, procedure }, 'gsi2'),
    },
  ];
}

/**
 * The transaction items that store an application — the head (only if its stored `revision` is still
 * `expectedRevision`), the deadline item, the timeline block this save completes — alone ({@link
 * DynamoApplicationRepository.save}) or as a part of another transaction (the issuance: `application-saved`).
 *
 * @example
 * await client.send(new TransactWriteCommand({ TransactItems: applicationSaveItems(table, completed, 3) }));
 */
export function applicationSaveItems(
  tableName: string,
  application: ApplicationSnapshot,
  expectedRevision: number,
): TransactItem[] {
  const deadline = deadlineItem(application);
  const block = lastBlockItem(application);
  return [
    {
      Put: {
        TableName: tableName,
        Item: headItem(application),
        ConditionExpression: 'revision = :r',
        ExpressionAttributeValues: { ':r': expectedRevision },
      },
    },
    ...(deadline ? [{ Put: { TableName: tableName, Item: deadline } }] : []),
    ...(block ? [{ Put: { TableName: tableName, Item: block } }] : []),
    ...worklistItems(application).map((Item) => ({ Put: { TableName: tableName, Item } })),
  ];
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
    // A draft has no worklist entries; an application stored already received (imports, tests) has them at once.
    const listed = worklistItems(application).map((Item) => ({ Put: { TableName: this.tableName, Item } }));
    if (!idempotency && listed.length > 0) {
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
            ...listed,
          ],
        }),
      );
      return;
    }
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
            ...listed,
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

  async save(application: ApplicationSnapshot, expectedRevision: number): Promise<void> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: applicationSaveItems(this.tableName, application, expectedRevision),
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
    // A short timeline is all in the head; a long one is put back together from the partition.
    if (!out.Item?.archivedSteps) {
      const stored = out.Item?.application as StoredApplication | undefined;
      return stored ? applicationFromStorage(stored) : undefined;
    }
    return assemble(await queryPartition(this.client, this.tableName, `APP#${id}`));
  }

  async getWithDocuments(
    id: string,
  ): Promise<{ application: ApplicationSnapshot; documents: ApplicationDocument[] } | undefined> {
    const items = await queryPartition(this.client, this.tableName, `APP#${id}`);
    const application = assemble(items);
    if (!application) return undefined;
    const documents = items
      .filter((i) => String(i.sk).startsWith('DOC#'))
      .map((i) => i.document as ApplicationDocument)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    return { application, documents };
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

  listCreated(range: { from: string; before: string }, page: PageRequest): Promise<Page<ApplicationSnapshot>> {
    // The sort key is `{createdAt}#{id}`: every key of an instant ≥ from sorts at or after `from`, and `before` (an
    // instant) sorts before every key of that instant, so BETWEEN is exactly [from, before).
    return this.#query(
      {
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk BETWEEN :from AND :before',
        ExpressionAttributeValues: { ':pk': 'APPS', ':from': range.from, ':before': range.before },
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

  worklist(query: WorklistQuery, page: PageRequest): Promise<Page<ApplicationSnapshot>> {
    const { index, pk } = worklistPartition(query);
    const overdue = query.sort === 'deadline' && query.overdueOn;
    return this.#query(
      {
        IndexName: index,
        KeyConditionExpression: overdue ? `${index}pk = :pk AND ${index}sk < :today` : `${index}pk = :pk`,
        ExpressionAttributeValues: { ':pk': pk, ...(overdue ? { ':today': query.overdueOn } : {}) },
        ScanIndexForward: true,
      },
      page,
    );
  }

  async indexForWorklist(application: ApplicationSnapshot): Promise<boolean> {
    let wrote = false;
    for (const Item of worklistItems(application)) {
      try {
        await this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item,
            ConditionExpression: 'attribute_not_exists(pk) OR revision < :r',
            ExpressionAttributeValues: { ':r': application.revision },
          }),
        );
        wrote = true;
      } catch (error) {
        if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
      }
    }
    return wrote;
  }

  async worklistBackfilled(): Promise<boolean> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: applicationKeys.worklistMarker, ConsistentRead: true }),
    );
    return out.Item !== undefined;
  }

  async markWorklistBackfilled(at: string): Promise<void> {
    await this.client.send(
      new PutCommand({ TableName: this.tableName, Item: { ...applicationKeys.worklistMarker, type: 'migration', at } }),
    );
  }

  #query(input: Omit<QueryCommandInput, 'TableName'>, page: PageRequest): Promise<Page<ApplicationSnapshot>> {
    return queryPage(this.client, this.tableName, { ScanIndexForward: false, ...input }, page, (i) =>
      applicationFromStorage(i.application as StoredApplication),
    );
  }
}
