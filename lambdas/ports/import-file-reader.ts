/**
 * Port: reading a licence import file (CSV or XLSX) into raw rows, one per data row, keyed by column. Adapter:
 * `lambdas/adapters/import/file-reader.ts`. What a row means (USCC, dates, duplicates) is the import plan's business.
 *
 * File-level problems throw before or while rows are yielded: a `PermitError` of kind `too-large`
 * (`IMPORT_FILE_TOO_LARGE`) above {@link IMPORT_FILE_MAX_BYTES}, otherwise a `ValidationError` with
 * `IMPORT_FILE_UNREADABLE`, `IMPORT_ENCODING_INVALID`, `IMPORT_HEADER_MISSING`, `IMPORT_HEADER_UNKNOWN` or
 * `IMPORT_HEADER_DUPLICATE`.
 */

import type { ImportColumn, RawImportRow } from '../domain/import/import-row';

/**
 * The largest import file accepted: 50 MiB. The presigned upload and the reader both enforce it.
 *
 * @example
 * if (bytes.length > IMPORT_FILE_MAX_BYTES) throw new PermitError('IMPORT_FILE_TOO_LARGE', '…');
 */
export const IMPORT_FILE_MAX_BYTES = 50 * 1024 * 1024;

/**
 * An import file: its declared format, its bytes, and optionally header names beyond the provincial export's
 * (`DEFAULT_IMPORT_HEADERS`), each mapped to the column it means; a mapping is merged over the defaults and matched,
 * like them, after NFKC and trimming.
 *
 * @example
 * const source: ImportSource = { format: 'csv', bytes, headers: { 单位名称: 'enterpriseName' } };
 */
export interface ImportSource {
  readonly format: 'csv' | 'xlsx';
  readonly bytes: Uint8Array;
  readonly headers?: Readonly<Record<string, ImportColumn>>;
}

/**
 * Reads an import file's data rows in file order, skipping blank rows.
 *
 * @example
 * for await (const row of reader.read({ format: 'xlsx', bytes })) plan.add(row);
 */
export interface ImportFileReader {
  read(source: ImportSource): AsyncIterable<RawImportRow>;
}
