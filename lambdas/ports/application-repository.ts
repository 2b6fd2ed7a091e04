/**
 * Port: applications with their documents. Adapter: `lambdas/adapters/dynamo/application-repository.ts`.
 */

import type { ApplicationSnapshot, ApplicationState, WorklistSort } from '../domain/application';
import type { ApplicationDocument, DocumentRead } from '../domain/application-document';
import type { Procedure } from '../domain/procedure';
import type { Page, PageRequest } from './page';

/**
 * Filters of the staff list. `overdueOn`: only applications whose deadline is before that date.
 *
 * @example
 * repository.list({ state: 'accepted', procedure: 'post-issuance-review' }, { limit: 25 });
 */
export interface ApplicationFilter {
  readonly state?: ApplicationState;
  readonly procedure?: Procedure;
  readonly overdueOn?: string;
}

/**
 * The staff worklist's query: received applications (never drafts) in one order, narrowed by state and procedure
 * (each combination its own index partition: no page is filtered after it was read). `overdueOn` (deadline order
 * only): open applications whose deadline is before that date.
 *
 * @example
 * repository.worklist({ sort: 'deadline', procedure: 'post-issuance-review' }, { limit: 50 });
 */
export interface WorklistQuery {
  readonly sort: WorklistSort;
  readonly state?: ApplicationState;
  readonly procedure?: Procedure;
  readonly overdueOn?: string;
}

/**
 * Applications and their documents.
 *
 * @example
 * const found = await repository.getWithDocuments('APP-…');
 */
/** Who filed what under an idempotency key (the key is scoped to the enterprise). */
export interface FilingIdempotency {
  readonly key: string;
  readonly requestHash: string;
  readonly applicationId: string;
}

export interface ApplicationRepository {
  /**
   * Store a new draft; with `idempotency`, also its idempotency record in the same transaction. Throws
   * `CommitConflict('idempotency')` when the key was taken meanwhile.
   */
  create(application: ApplicationSnapshot, idempotency?: FilingIdempotency): Promise<void>;
  findFiling(key: string): Promise<FilingIdempotency | undefined>;
  /** Conditional on the stored revision; 409 `CONCURRENT_MODIFICATION` otherwise. */
  save(application: ApplicationSnapshot, expectedRevision: number): Promise<void>;
  get(id: string): Promise<ApplicationSnapshot | undefined>;
  getWithDocuments(
    id: string,
  ): Promise<{ application: ApplicationSnapshot; documents: readonly ApplicationDocument[] } | undefined>;
  putDocument(document: ApplicationDocument): Promise<void>;
  /** Append one document read to the application's audit trail (never rewritten). */
  recordDocumentRead(read: DocumentRead): Promise<void>;
  /** The latest `limit` document reads, newest first; `more`: older ones exist. */
  listDocumentReads(applicationId: string, limit: number): Promise<{ items: DocumentRead[]; more: boolean }>;
  listByUscc(uscc: string, page: PageRequest): Promise<Page<ApplicationSnapshot>>;
  list(filter: ApplicationFilter, page: PageRequest): Promise<Page<ApplicationSnapshot>>;
  /**
   * Applications filed (created) at or after `from` and before `before` (ISO instants), newest first: one Query on
   * the filing-time index with a range on its sort key (the statistics' applications per week).
   */
  listCreated(
    range: { readonly from: string; readonly before: string },
    page: PageRequest,
  ): Promise<Page<ApplicationSnapshot>>;
  /** Open applications with a tracked deadline (for recomputing after a schedule is loaded). */
  listOpenDeadlines(page: PageRequest): Promise<Page<ApplicationSnapshot>>;
  /** The staff worklist: one index partition per order and filter combination (see {@link WorklistQuery}). */
  worklist(query: WorklistQuery, page: PageRequest): Promise<Page<ApplicationSnapshot>>;
  /**
   * Write a received application's worklist entries unless entries of its revision (or a later one) are there:
   * the backfill of applications stored before the worklist existed. True when something was written.
   */
  indexForWorklist(application: ApplicationSnapshot): Promise<boolean>;
  /** Whether the worklist backfill has run to its end (its marker), and setting that marker. */
  worklistBackfilled(): Promise<boolean>;
  markWorklistBackfilled(at: string): Promise<void>;
}
