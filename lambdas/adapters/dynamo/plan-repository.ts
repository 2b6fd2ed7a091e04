/**
 * DynamoDB adapter of {@link PlanRepository}. Key shapes (see `docs/storage.md`):
 * - plan `SUPPLAN#{id}` / `#HEAD`, gsi1 `SUPPLANS` / `{createdAt}#{id}` (staff, newest first); once frozen also gsi3
 *   `SUPPLANS#PUBLIC` / `{frozenAt}#{id}` (the public list never shows a draft);
 * - frozen list chunks `SUPPLAN#{id}` / `LIST#{enterpriseDigest}.{inspectorDigest}#{E|I}#{0001}`: a list is cut into items of at most
 *   about 300 KB (DynamoDB's item limit is 400 KB), written before the plan that points to them by digest;
 * - last teams `SUPTEAM` / `{uscc}`: the team of the enterprise's most recent drawn check.
 *
 * @example
 * const plans = new DynamoPlanRepository(dynamoClient(), config().tableName);
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DrawEnterprise, DrawInspector } from '../../domain/supervision/candidates';
import type { PlanSnapshot } from '../../domain/supervision/plan';
import type { Page, PageRequest } from '../../ports/page';
import type { FrozenLists, LastTeam, PlanRepository } from '../../ports/plan-repository';
import { batchWrite } from './batch-write';
import { putAtRevision } from './conditional-writes';
import { queryPage } from './pagination';

const planKey = (id: string) => ({ pk: `SUPPLAN#${id}`, sk: '#HEAD' });
const TEAMS_PK = 'SUPTEAM';
/** Bytes of JSON per list chunk: well under DynamoDB's 400 KB item limit. */
const CHUNK_BYTES = 300_000;

const planItem = (s: PlanSnapshot): Record<string, unknown> => ({
  ...planKey(s.id),
  type: 'supervision-plan',
  revision: s.revision,
  plan: s,
  gsi1pk: 'SUPPLANS',
  gsi1sk: `${s.createdAt}#${s.id}`,
  ...(s.frozen ? { gsi3pk: 'SUPPLANS#PUBLIC', gsi3sk: `${s.frozen.at}#${s.id}` } : {}),
});

/** Cut a list into runs whose JSON stays under {@link CHUNK_BYTES}. */
function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = Buffer.byteLength(JSON.stringify(item));
    if (current.length > 0 && bytes + size > CHUNK_BYTES) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** The chunks of one pair of lists: both digests name them, so chunks of another freezing attempt never mix in. */
const listPrefix = (frozen: { enterpriseDigest: string; inspectorDigest: string }) =>
  `LIST#${frozen.enterpriseDigest}.${frozen.inspectorDigest}#`;
const chunkSk = (prefix: string, kind: 'E' | 'I', n: number) => `${prefix}${kind}#${String(n + 1).padStart(4, '0')}`;

export class DynamoPlanRepository implements PlanRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(id: string): Promise<PlanSnapshot | undefined> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: planKey(id), ConsistentRead: true }),
    );
    return out.Item?.plan as PlanSnapshot | undefined;
  }

  async add(plan: PlanSnapshot): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: planItem(plan),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  save(plan: PlanSnapshot, expectedRevision: number): Promise<void> {
    return putAtRevision(this.client, this.tableName, planItem(plan), expectedRevision, `plan ${plan.id}`);
  }

  async freeze(plan: PlanSnapshot, lists: FrozenLists, expectedRevision: number): Promise<void> {
    if (!plan.frozen) throw new Error(`plan ${plan.id} is not frozen`);
    const prefix = listPrefix(plan.frozen);
    const pk = planKey(plan.id).pk;
    const parts = [
      ...chunks(lists.enterprises).map((items, n) => ({ pk, sk: chunkSk(prefix, 'E', n), items })),
      ...chunks(lists.inspectors).map((items, n) => ({ pk, sk: chunkSk(prefix, 'I', n), items })),
    ];
    await batchWrite(
      this.client,
      this.tableName,
      parts.map((Item) => ({ PutRequest: { Item: { ...Item, type: 'supervision-list' } } })),
    );
    await this.save(plan, expectedRevision);
  }

  async frozenLists(plan: PlanSnapshot): Promise<FrozenLists | undefined> {
    if (!plan.frozen) return undefined;
    const prefix = listPrefix(plan.frozen);
    const enterprises: DrawEnterprise[] = [];
    const inspectors: DrawInspector[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': planKey(plan.id).pk, ':prefix': prefix },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of out.Items ?? []) {
        // Chunks come back in sort-key order: `…#E#0001…` before `…#I#0001…`, each run in its written order.
        if ((item.sk as string).startsWith(`${prefix}E#`)) enterprises.push(...(item.items as DrawEnterprise[]));
        else inspectors.push(...(item.items as DrawInspector[]));
      }
      start = out.LastEvaluatedKey;
    } while (start);
    return { enterprises, inspectors };
  }

  list(visibility: 'staff' | 'public', page: PageRequest): Promise<Page<PlanSnapshot>> {
    const index = visibility === 'staff' ? 'gsi1' : 'gsi3';
    return queryPage(
      this.client,
      this.tableName,
      {
        IndexName: index,
        KeyConditionExpression: `${index}pk = :pk`,
        ExpressionAttributeValues: { ':pk': visibility === 'staff' ? 'SUPPLANS' : 'SUPPLANS#PUBLIC' },
        ScanIndexForward: false,
      },
      page,
      (item) => item.plan as PlanSnapshot,
    );
  }

  async lastTeams(): Promise<ReadonlyMap<string, LastTeam>> {
    const teams = new Map<string, LastTeam>();
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': TEAMS_PK },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of out.Items ?? []) {
        teams.set(item.sk as string, {
          uscc: item.sk as string,
          team: item.team as string[],
          planId: item.planId as string,
        });
      }
      start = out.LastEvaluatedKey;
    } while (start);
    return teams;
  }

  async recordTeams(teams: readonly LastTeam[]): Promise<void> {
    await batchWrite(
      this.client,
      this.tableName,
      teams.map((t) => ({
        PutRequest: { Item: { pk: TEAMS_PK, sk: t.uscc, type: 'supervision-team', team: t.team, planId: t.planId } },
      })),
    );
  }
}
