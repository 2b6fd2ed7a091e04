/**
 * Port: where application documents are uploaded and kept. Adapter: `lambdas/adapters/s3/object-store.ts`.
 */

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
  /**
   * An *undeclared* presigned POST, for a plain HTML form (the console without JavaScript), which cannot state a file's
   * size or type before it is chosen: the policy pins `key`, a size of 1 to `maxLength` bytes and
   * `success_action_redirect` (the store sends the browser there, 303, once the file is stored) — no Content-Type.
   * The check then judges the stored bytes alone (`checkDocumentBytes` without a declaration).
   */
  presignUndeclaredUpload(
    key: string,
    options: { maxLength: number; successRedirect: string; expiresInSeconds: number },
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
