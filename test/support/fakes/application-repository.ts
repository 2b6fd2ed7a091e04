/**
 * In-memory {@link ApplicationRepository} on the shared {@link FakeTable}, with the DynamoDB adapter's semantics: a
 * draft is created only once (with its idempotency record, or `CommitConflict('idempotency')`), a save only at the
 * revision read (409 `CONCURRENT_MODIFICATION`), documents sorted by creation, document reads newest first, and the
 * lists in their index's order with opaque positions — the overdue list and the open deadlines only of open
 * applications with a deadline. The procedure narrows a page after it was read, as the adapter's `FilterExpression`
 * does after DynamoDB's `Limit`: a page may come back short, even empty with a position after it.
 *
 * `create` stores a draft (it has no deadline: the adapter indexes deadlines only on a save). Listed applications
 * carry their whole timeline (the adapter's list items carry the filing and the latest steps of
 * a very long one; no use case reads a listed application's timeline).
 *
 * @example
 * const applications = new FakeApplicationRepository(table);
 * await fileApplication({ ...deps, applications }, input);
 */
import { type ApplicationSnapshot, FINAL_APPLICATION_STATES, receivedAtOf } from '../../../lambdas/domain/application';
import type { ApplicationDocument, DocumentRead } from '../../../lambdas/domain/application-document';
import { ConflictError } from '../../../lambdas/domain/errors';
import type {
  ApplicationFilter,
  ApplicationRepository,
  FilingIdempotency,
  WorklistQuery,
} from '../../../lambdas/ports/application-repository';
import { CommitConflict } from '../../../lambdas/ports/certificate-repository';
import type { Page, PageRequest } from '../../../lambdas/ports/page';
import { commitAll, compare, conditionalCheckFailed, type Listed, pageOf, stored } from './storage';
import { FakeTable } from './table';

const isOpenWithDeadline = (a: ApplicationSnapshot): boolean =>
  a.deadline !== undefined && !FINAL_APPLICATION_STATES.includes(a.state);

export class FakeApplicationRepository implements ApplicationRepository {
  constructor(readonly table: FakeTable = new FakeTable()) {}

  async create(application: ApplicationSnapshot, idempotency?: FilingIdempotency): Promise<void> {
    const t = this.table;
    if (!idempotency) {
      if (t.applications.has(application.id)) throw conditionalCheckFailed();
      t.saveApplication(application);
      return;
    }
    commitAll(
      [
        {
          reason: 'idempotency',
          holds: () => !t.applications.has(application.id),
          apply: () => t.saveApplication(application),
        },
        {
          reason: 'idempotency',
          holds: () => !t.filings.has(idempotency.key),
          apply: () => t.filings.set(idempotency.key, stored(idempotency)),
        },
      ],
      () => new CommitConflict('idempotency'),
    );
  }

  async findFiling(key: string): Promise<FilingIdempotency | undefined> {
    const found = this.table.filings.get(key);
    return found ? stored(found) : undefined;
  }

  async save(application: ApplicationSnapshot, expectedRevision: number): Promise<void> {
    commitAll(
      [
        {
          reason: 'revision',
          holds: () => this.table.applications.get(application.id)?.revision === expectedRevision,
          apply: () => this.table.saveApplication(application),
        },
      ],
      () =>
        new ConflictError(
          'CONCURRENT_MODIFICATION',
          `application ${application.id} changed concurrently; read it again`,
        ),
    );
  }

  async get(id: string): Promise<ApplicationSnapshot | undefined> {
    const found = this.table.applications.get(id);
    return found ? stored(found) : undefined;
  }

  async getWithDocuments(
    id: string,
  ): Promise<{ application: ApplicationSnapshot; documents: ApplicationDocument[] } | undefined> {
    const application = this.table.applications.get(id);
    if (!application) return undefined;
    const documents = [...(this.table.documents.get(id)?.values() ?? [])].sort((a, b) =>
      a.createdAt.localeCompare(b.createdAt),
    );
    return stored({ application, documents });
  }

  async putDocument(document: ApplicationDocument): Promise<void> {
    const documents = this.table.documents.get(document.applicationId) ?? new Map<string, ApplicationDocument>();
    documents.set(document.id, stored(document));
    this.table.documents.set(document.applicationId, documents);
  }

  async recordDocumentRead(read: DocumentRead): Promise<void> {
    const reads = this.table.documentReads.get(read.applicationId) ?? [];
    if (reads.some((r) => r.at === read.at && r.id === read.id)) throw conditionalCheckFailed();
    this.table.documentReads.set(read.applicationId, [...reads, stored(read)]);
  }

  async listDocumentReads(applicationId: string, limit: number): Promise<{ items: DocumentRead[]; more: boolean }> {
    const newestFirst = [...(this.table.documentReads.get(applicationId) ?? [])].sort((a, b) =>
      compare(`${b.at}#${b.id}`, `${a.at}#${a.id}`),
    );
    return { items: stored(newestFirst.slice(0, limit)), more: newestFirst.length > limit };
  }

  listByUscc(uscc: string, page: PageRequest): Promise<Page<ApplicationSnapshot>> {
    return this.#list(`ENTAPP#${uscc}`, (a) => a.uscc === uscc, created, 'desc', page);
  }

  async list(filter: ApplicationFilter, page: PageRequest): Promise<Page<ApplicationSnapshot>> {
    const read = await this.#listIndex(filter, page);
    // The procedure filters the page read (DynamoDB applies a FilterExpression after the Limit), keeping its position.
    const procedure = filter.procedure;
    return procedure ? { ...read, items: read.items.filter((a) => a.procedure === procedure) } : read;
  }

  #listIndex(filter: ApplicationFilter, page: PageRequest): Promise<Page<ApplicationSnapshot>> {
    const overdueOn = filter.overdueOn;
    if (overdueOn) {
      return this.#list('APPDUE', (a) => isOpenWithDeadline(a) && compare(due(a), overdueOn) < 0, due, 'asc', page);
    }
    if (filter.state) {
      const state = filter.state;
      return this.#list(
        `APPSTATE#${state}`,
        (a) => a.state === state,
        (a) => `${a.updatedAt}#${a.id}`,
        'desc',
        page,
      );
    }
    return this.#list('APPS', () => true, created, 'desc', page);
  }

  listCreated(range: { from: string; before: string }, page: PageRequest): Promise<Page<ApplicationSnapshot>> {
    const key = (a: ApplicationSnapshot) => created(a);
    return this.#list(
      'APPS',
      (a) => compare(key(a), range.from) >= 0 && compare(key(a), range.before) <= 0,
      key,
      'desc',
      page,
    );
  }

  listOpenDeadlines(page: PageRequest): Promise<Page<ApplicationSnapshot>> {
    return this.#list('APPDUE', isOpenWithDeadline, due, 'asc', page);
  }

  async worklist(query: WorklistQuery, page: PageRequest): Promise<Page<ApplicationSnapshot>> {
    const { sort, state, procedure, overdueOn } = query;
    const key = sort === 'deadline' ? byDeadline : received;
    const entries: Listed<ApplicationSnapshot>[] = [...this.table.worklist.values()]
      .filter((a) => (!state || a.state === state) && (!procedure || a.procedure === procedure))
      .filter((a) => !(sort === 'deadline' && overdueOn) || compare(byDeadline(a), overdueOn) < 0)
      .map((a) => ({ sortKey: key(a), item: a }));
    return pageOf(`WL#${sort}#${state ?? ''}#${procedure ?? ''}`, entries, 'asc', page);
  }

  async indexForWorklist(application: ApplicationSnapshot): Promise<boolean> {
    if (application.state === 'draft') return false;
    const current = this.table.worklist.get(application.id);
    if (current && current.revision >= application.revision) return false;
    this.table.worklist.set(application.id, stored(application));
    return true;
  }

  async worklistBackfilled(): Promise<boolean> {
    return this.table.migrations.has('worklist');
  }

  async markWorklistBackfilled(): Promise<void> {
    this.table.migrations.add('worklist');
  }

  async #list(
    partition: string,
    member: (a: ApplicationSnapshot) => boolean,
    sortKey: (a: ApplicationSnapshot) => string,
    order: 'asc' | 'desc',
    page: PageRequest,
  ): Promise<Page<ApplicationSnapshot>> {
    const entries: Listed<ApplicationSnapshot>[] = [...this.table.applications.values()]
      .filter(member)
      .map((a) => ({ sortKey: sortKey(a), item: a }));
    return pageOf(partition, entries, order, page);
  }
}

const created = (a: ApplicationSnapshot): string => `${a.createdAt}#${a.id}`;
const due = (a: ApplicationSnapshot): string => `${a.deadline?.dueOn ?? ''}#${a.id}`;
const received = (a: ApplicationSnapshot): string => `${receivedAtOf(a)}#${a.id}`;
/** Open with a deadline: by due date; else after every date (`~`), by date received. */
const byDeadline = (a: ApplicationSnapshot): string =>
  a.deadline && !FINAL_APPLICATION_STATES.includes(a.state) ? `${a.deadline.dueOn}#${received(a)}` : `~#${received(a)}`;
