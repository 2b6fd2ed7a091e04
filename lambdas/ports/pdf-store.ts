/**
 * Port: where certificate PDFs are kept. Adapter: `lambdas/adapters/s3/object-store.ts` (wired in composition).
 */

/** Stores certificate PDFs; keys are unique per content, so nothing is ever overwritten. */
export interface PdfStore {
  put(key: string, bytes: Uint8Array): Promise<{ key: string; sha256: string; size: number }>;
  get(key: string): Promise<Uint8Array | undefined>;
  presignDownload(key: string, fileName: string): Promise<string>;
}
