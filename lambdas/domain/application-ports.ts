/**
 * Ports of the application workflow: applications with their documents (and who read them), post-issuance
 * inspections, the stored working-day schedules, and the store that hands out presigned uploads and reads and keeps
 * checked copies. Adapters: `lambdas/adapters/dynamo/application-repository.ts`, `inspection-repository.ts`,
 * `calendar-repository.ts`, and `adapters/s3/object-store.ts` (wired in `composition-applications.ts`).
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
  /** Object key of the upload in the documents bucket (the one key its upload grant reaches). */
  readonly key: string;
  /**
   * Where the bytes the check accepted are kept (`applications/{id}/checked/{sha256}`, outside every upload grant).
   * Every reader after the check uses this copy. Absent on documents accepted before copies were kept.
   */
  readonly keptKey?: string;
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

/**
 * One staff read of a document (an audit record on the application).
 *
 * @example
 * const read: DocumentRead = { id, applicationId, documentId, documentType: 'test-report', at, actor: { id: 'reviewer-1', role: 'reviewer' }, copy: 'kept', sha256 };
 */
export interface DocumentRead {
  readonly id: string;
  readonly applicationId: string;
  readonly documentId: string;
  readonly documentType: DocumentType;
  readonly at: string;
  readonly actor: { readonly id: string; readonly role: string };
  /** `kept`: the checked copy (with its digest); `upload`: the raw upload of a document that did not pass. */
  readonly copy: 'kept' | 'upload';
  readonly sha256?: string;
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
 * A presigned POST (browser-style form upload) the client performs itself: send every `fields` entry as a form
 * field, then the file as the last field, named `file`. The policy pins the key, the exact size and the type.
 *
 * @example
 * const form = new FormData();
 * for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
 * form.append('file', new Blob([bytes], { type: 'application/pdf' }), '检测报告.pdf');
 * await fetch(upload.url, { method: upload.method, body: form });
 */
export interface PresignedUpload {
  readonly method: 'POST';
  readonly url: string;
  readonly fields: Readonly<Record<string, string>>;
  /** When the store stops accepting the upload (the policy's expiration). */
  readonly expiresAt: string;
}

/**
 * Where application documents live.
 *
 * @example
 * const upload = await store.presignUpload(key, { contentType: 'application/pdf', contentLength: 812, expiresInSeconds: 300 });
 */
export interface DocumentStore {
  /** A presigned POST whose policy pins `key`, `contentLength` exactly and `contentType`. */
  presignUpload(
    key: string,
    options: { contentType: string; contentLength: number; expiresInSeconds: number },
  ): Promise<PresignedUpload>;
  /** The stored object's size and Content-Type, or undefined when there is none. */
  head(key: string): Promise<{ size: number; contentType?: string } | undefined>;
  get(key: string): Promise<Uint8Array | undefined>;
  /** Store checked bytes under their content-addressed key (same key, same bytes: rewriting changes nothing). */
  keep(key: string, bytes: Uint8Array, options: { contentType: string; sha256: string }): Promise<void>;
  /** A short presigned GET served as `contentType`, `inline` or as an `attachment`, under the display `fileName`. */
  presignRead(
    key: string,
    options: { fileName: string; contentType: string; disposition: 'inline' | 'attachment'; expiresInSeconds: number },
  ): Promise<string>;
}
