/**
 * Port: which PDF digests a committed issuance registered. Adapter: `lambdas/adapters/dynamo/pdf-digest-register.ts`.
 */

/** The PDF digests a committed issuance or reprint registered (the `PDFSHA#` items, as `findVersionByPdfSha256`). */
export interface PdfDigestRegister {
  /** Which of these SHA-256 digests are registered. */
  registered(sha256s: readonly string[]): Promise<ReadonlySet<string>>;
}
