/**
 * Application documents as stored: one uploaded (or awaited) document, and a staff member's read of one.
 */

import type { DocumentCheckCode, DocumentContentType, DocumentType } from './application-documents';

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
  /**
   * What the applicant declared when asking for the upload (the API, and the console with JavaScript): the upload
   * policy pins both and the check compares them. Absent on an *undeclared* upload — the console's plain form without
   * JavaScript — whose size and type the check takes from the stored bytes (`size`, `contentType`).
   */
  readonly declaredContentType?: DocumentContentType;
  readonly declaredSize?: number;
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
  readonly failure?: { readonly code: DocumentCheckCode; readonly message: string };
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
