/**
 * Adapter for `ImportJobStore` (`lambdas/ports/import-job-store.ts`) on the single table (`docs/storage.md`):
 * - `IMPORT#{id}` / `#JOB`: the job (`record`) and its counts as top-level numbers, so a chunk's outcomes add to them
 *   with `ADD` in the chunk's own write;
 * - `IMPORT#{id}` / `CHUNK#{000000}`: a chunk's licences (written again, identical, if a check runs twice);
 * - `IMPORT#{id}` / `DONE#{000000}`: a chunk's outcomes, written only if absent — the once-only record of its work;
 * - `IMPORTS#ACTIVE` / `{id}`: the jobs still planning or running (what a restart resumes), deleted when they end.
 * Plan and chunk messages are ordinary outbox items (`outboxItem`), completed in the writes that end their work.
 */
import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { ImportChunkItem, ImportCounts, ImportJob, ImportOutcome } from '../../domain/import/import-job';
import type { ImportJobStore, PlanningEnd } from '../../ports/import-job-store';
import type { OutboxMessage, OutboxRef } from '../../ports/transaction-parts';
import { batchWrite } from './batch-write';
import { transactIfHeld } from './conditional-writes';
import { outboxItem, outboxKey } from './outbox-store';
import { queryPartition } from './pagination';

type Item = Record<string, unknown>;

const COUNT_NAMES = ['rows', 'invalidRows', 'licences', 'chunks', 'chunksDone', 'importedRows', 'failedRows'] as const;
const ACTIVE_PK = 'IMPORTS#ACTIVE';
const pad = (index: number) => String(index).padStart(6, '0');

const keys = {
  job: (id: string) => ({ pk: `IMPORT#${id}`, sk: '#JOB' }),
  chunk: (id: string, index: number) => ({ pk: `IMPORT#${id}`, sk: `CHUNK#${pad(index)}` }),
  done: (id: string, index: number) => ({ pk: `IMPORT#${id}`, sk: `DONE#${pad(index)}` }),
  active: (id: string) => ({ pk: ACTIVE_PK, sk: id }),
};

function jobItem(job: ImportJob): Item {
  const { counts, ...record } = job;
  return { ...keys.job(job.id), type: 'import-job', record, ...counts };
}

function jobFromItem(item: Item): ImportJob {
  const counts = Object.fromEntries(COUNT_NAMES.map((n) => [n, (item[n] as number | undefined) ?? 0])) as unknown;
  return { ...(item.record as Omit<ImportJob, 'counts'>), counts: counts as ImportCounts };
}

export class DynamoImportJobStore implements ImportJobStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(job: ImportJob, message: OutboxMessage): Promise<void> {
    await this.client.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: this.tableName, Item: jobItem(job), ConditionExpression: 'attribute_not_exists(pk)' } },
          { Put: { TableName: this.tableName, Item: { ...keys.active(job.id), type: 'import-active' } } },
          {
            Put: {
              TableName: this.tableName,
              Item: outboxItem(message),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    );
  }

  async get(id: string): Promise<ImportJob | undefined> {
    const item = await this.#get(keys.job(id));
    return item ? jobFromItem(item) : undefined;
  }

  async endPlanning(id: string, end: PlanningEnd, planMessage: OutboxRef): Promise<boolean> {
    const chunks = end.chunks ?? [];
    // Chunks and their messages first: a run whose job says `running` always has them. Written again, identical, if
    // a check is redone; a message put again for a chunk already recorded only makes the worker skip it once more.
    await batchWrite(
      this.client,
      this.tableName,
      chunks.map((items, index) => ({
        PutRequest: { Item: { ...keys.chunk(id, index), type: 'import-chunk', items } },
      })),
    );
    await batchWrite(
      this.client,
      this.tableName,
      (end.messages ?? []).map((message) => ({ PutRequest: { Item: outboxItem(message) } })),
    );
    const names: Record<string, string> = { '#state': 'state', '#record': 'record' };
    const values: Record<string, unknown> = { ':state': end.state, ':at': end.at, ':planning': 'planning' };
    const sets = ['#record.#state = :state', '#record.plannedAt = :at'];
    if (end.state !== 'running') sets.push('#record.finishedAt = :at');
    if (end.error) {
      sets.push('#record.#error = :error');
      names['#error'] = 'error';
      values[':error'] = end.error;
    }
    for (const name of COUNT_NAMES) {
      sets.push(`#${name} = :${name}`);
      names[`#${name}`] = name;
      values[`:${name}`] = end.counts[name];
    }
    const transact = [
      {
        Update: {
          TableName: this.tableName,
          Key: keys.job(id),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: '#record.#state = :planning',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      },
      { Delete: { TableName: this.tableName, Key: outboxKey(planMessage) } },
      ...(end.state === 'running' ? [] : [{ Delete: { TableName: this.tableName, Key: keys.active(id) } }]),
    ];
    return transactIfHeld(this.client, transact);
  }

  async chunk(id: string, index: number): Promise<readonly ImportChunkItem[] | undefined> {
    const item = await this.#get(keys.chunk(id, index));
    return item ? (item.items as ImportChunkItem[]) : undefined;
  }

  async isChunkDone(id: string, index: number): Promise<boolean> {
    return (await this.#get(keys.done(id, index))) !== undefined;
  }

  async completeChunk(
    id: string,
    index: number,
    outcomes: readonly ImportOutcome[],
    message: OutboxRef,
  ): Promise<boolean> {
    const imported = outcomes.filter((o) => o.result === 'imported').reduce((n, o) => n + o.rows.length, 0);
    const failed = outcomes.filter((o) => o.result === 'failed').reduce((n, o) => n + o.rows.length, 0);
    return transactIfHeld(this.client, [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...keys.done(id, index), type: 'import-chunk-done', outcomes },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          TableName: this.tableName,
          Key: keys.job(id),
          UpdateExpression: 'ADD chunksDone :one, importedRows :imported, failedRows :failed',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':one': 1, ':imported': imported, ':failed': failed },
        },
      },
      { Delete: { TableName: this.tableName, Key: outboxKey(message) } },
    ]);
  }

  async finish(id: string, at: string): Promise<void> {
    // Refused (not running, or chunks left) means there is nothing to do yet.
    await transactIfHeld(this.client, [
      {
        Update: {
          TableName: this.tableName,
          Key: keys.job(id),
          UpdateExpression: 'SET #record.#state = :done, #record.finishedAt = :at',
          ConditionExpression: '#record.#state = :running AND chunksDone >= chunks',
          ExpressionAttributeNames: { '#record': 'record', '#state': 'state' },
          ExpressionAttributeValues: { ':done': 'done', ':running': 'running', ':at': at },
        },
      },
      { Delete: { TableName: this.tableName, Key: keys.active(id) } },
    ]);
  }

  async outcomes(id: string): Promise<ImportOutcome[]> {
    const items = await queryPartition(this.client, this.tableName, `IMPORT#${id}`, { skPrefix: 'DONE#' });
    return items.flatMap((item) => item.outcomes as ImportOutcome[]);
  }

  async active(): Promise<ImportJob[]> {
    const ids = (await queryPartition(this.client, this.tableName, ACTIVE_PK)).map((item) => item.sk as string);
    const jobs = await Promise.all(ids.map((id) => this.get(id)));
    return jobs
      .filter((job): job is ImportJob => job !== undefined)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async pendingChunks(id: string): Promise<number[]> {
    const job = await this.get(id);
    if (job?.state !== 'running') return [];
    const done = new Set(
      (await queryPartition(this.client, this.tableName, `IMPORT#${id}`, { skPrefix: 'DONE#', projection: 'sk' })).map(
        (i) => i.sk as string,
      ),
    );
    const pending: number[] = [];
    for (let index = 0; index < job.counts.chunks; index += 1) {
      if (!done.has(keys.done(id, index).sk)) pending.push(index);
    }
    return pending;
  }

  async #get(key: { pk: string; sk: string }): Promise<Item | undefined> {
    const out = await this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    return out.Item;
  }
}
