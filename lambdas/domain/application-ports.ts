/**
 * Ports of the application workflow: applications with their documents, post-issuance inspections, the stored
 * working-day schedules, and the store that hands out presigned uploads. Adapters: `lambdas/adapters/dynamo/
 * application-repository.ts`, `inspection-repository.ts`, `calendar-repository.ts`, and `adapters/s3/object-store.ts`.
 */
import type { ApplicationSnapshot, ApplicationState } from './application';
import type { DocumentContentType, DocumentType } from './application-documents';
import type { InspectionSnapshot, InspectionState } from './inspection';
import type { ExtraWrite, Page, PageRequest } from './ports';
import type { Procedure } from './procedure';
import type { YearSchedule } from './working-days';

/**
 * One uploaded (or awaited) document of an application.
 *
 * @example
 * const doc: ApplicationDocument = { id: 'DOC-…', applicationId, type: 'test-report', state: 'awaiting-upload', … };
 */
export interface ApplicationDocument {
  readonly id: string;
  readonly applicationId: string;
  readonly type: DocumentType;
  readonly fileName: string;
  readonly declaredContentType: DocumentContentType;
  readonly declaredSize: number;
  /** Object key in the documents bucket. */
  readonly key: string;
  readonly state: 'awaiting-upload' | 'accepted' | 'rejected';
  readonly createdAt: string;
  readonly checkedAt?: string;
  readonly sha256?: string;
  readonly size?: number;
  readonly contentType?: DocumentContentType;
  readonly failure?: { readonly code: string; readonly message: string };
}

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
  listByUscc(uscc: string, page: PageRequest): Promise<Page<ApplicationSnapshot>>;
  list(filter: ApplicationFilter, page: PageRequest): Promise<Page<ApplicationSnapshot>>;
  /** Open applications with a tracked deadline (for recomputing after a schedule is loaded). */
  listOpenDeadlines(page: PageRequest): Promise<Page<ApplicationSnapshot>>;
  /** The writes that store `application` inside another transaction (the issuance), conditioned on the revision. */
  saveWrites(application: ApplicationSnapshot, expectedRevision: number): ExtraWrite[];
}

/**
 * Post-issuance inspections.
 *
 * @example
 * await inspections.list({ state: 'scheduled', before: '2026-12-31' }, { limit: 25 });
 */
export interface InspectionRepository {
  get(id: string): Promise<InspectionSnapshot | undefined>;
  save(inspection: InspectionSnapshot, expectedRevision: number): Promise<void>;
  /** The write that creates `inspection` inside another transaction (the issuance). */
  createWrite(inspection: InspectionSnapshot): ExtraWrite;
  /** By state, ordered by due date (or rectification date); `before`: only those due on or before that date. */
  list(filter: { state: InspectionState; before?: string }, page: PageRequest): Promise<Page<InspectionSnapshot>>;
}

/**
 * A year's official working-day schedule as an admin loaded it.
 *
 * @example
 * const stored: StoredSchedule = { year: 2027, schedule, loadedBy: 'admin-1', loadedAt: '2026-12-01T…' };
 */
export interface StoredSchedule {
  readonly year: number;
  readonly schedule: YearSchedule;
  readonly loadedBy: string;
  readonly loadedAt: string;
}

/**
 * Stored working-day schedules.
 *
 * @example
 * const calendar = (await calendars.list()).reduce((c, s) => c.withSchedule(s.year, s.schedule), base);
 */
export interface CalendarRepository {
  list(): Promise<readonly StoredSchedule[]>;
  put(schedule: StoredSchedule): Promise<void>;
}

/**
 * A presigned upload the client performs itself.
 *
 * @example
 * await fetch(upload.url, { method: upload.method, headers: upload.headers, body: bytes });
 */
export interface PresignedUpload {
  readonly url: string;
  readonly method: 'PUT';
  readonly headers: Readonly<Record<string, string>>;
  readonly expiresAt: string;
}

/**
 * Where application documents live.
 *
 * @example
 * const upload = await store.presignUpload(key, { contentType: 'application/pdf', contentLength: 812, expiresInSeconds: 900 });
 */
export interface DocumentStore {
  presignUpload(
    key: string,
    options: { contentType: string; contentLength: number; expiresInSeconds: number },
  ): Promise<{ url: string; headers: Record<string, string> }>;
  head(key: string): Promise<{ size: number } | undefined>;
  get(key: string): Promise<Uint8Array | undefined>;
}
