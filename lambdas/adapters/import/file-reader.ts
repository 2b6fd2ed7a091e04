/**
 * Adapter for `ImportFileReader` (`lambdas/ports/import-file-reader.ts`): CSV through `csv-parse` (UTF-8, with or
 * without a BOM, or GB18030 through `iconv-lite`), XLSX streamed (`./xlsx-sheet.ts`): the first worksheet's merged
 * ranges are scanned in a first pass, then its rows are parsed a piece at a time, each cell in the tail of a merge
 * flagged. Memory holds the file's bytes, the shared-string table (about 40 MiB for 100,000 rows of distinct text; it
 * grows with the number of distinct strings) and a few rows, not the workbook. Measured for 100,000 rows (a 4.3 MiB
 * file, 20,000 merges): 90–100 MiB of peak RSS growth, or ~170 MiB in runs where V8 puts off a full collection (the
 * live heap stays under 70 MiB; the read completes under `--max-old-space-size=64`), in 2.3–3.3 s. Loading the whole
 * workbook with exceljs took 615 MiB and 33 s for that file (it checks each merge against every other) and 504 MiB
 * and 4 s without the merges.
 */
import { parse } from 'csv-parse';
import type ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { PermitError, ValidationError } from '../../domain/errors';
import type { ImportColumn, RawImportRow } from '../../domain/import/import-row';
import { IMPORT_FILE_MAX_BYTES, type ImportFileReader, type ImportSource } from '../../ports/import-file-reader';
import { mapHeaders } from './header-map';
import { type MergeRange, openFirstSheet } from './xlsx-sheet';

type Columns = readonly (ImportColumn | undefined)[];

/** One cell as read, before it is placed in a column. */
interface CellRead {
  readonly text?: string;
  readonly flag?: 'formula' | 'merged';
}

/**
 * The import file reader.
 *
 * @example
 * const reader = fileImportReader();
 * for await (const row of reader.read({ format: 'csv', bytes })) console.log(row.row, row.values.licenceNo);
 */
export function fileImportReader(): ImportFileReader {
  return {
    // Every problem, the size included, surfaces while iterating: one place for a caller to catch.
    async *read(source: ImportSource): AsyncGenerator<RawImportRow> {
      if (source.bytes.length > IMPORT_FILE_MAX_BYTES) {
        throw new PermitError(
          'IMPORT_FILE_TOO_LARGE',
          `import file is ${source.bytes.length} bytes; at most ${IMPORT_FILE_MAX_BYTES} are accepted`,
        );
      }
      if (source.bytes.length === 0) throw unreadable('the file is empty');
      yield* source.format === 'csv' ? readCsv(source) : readXlsx(source);
    },
  };
}

/**
 * The text of CSV bytes: UTF-8 (a BOM, or bytes that are valid UTF-8), else GB18030 when the bytes decode to text
 * that encodes back to the very same bytes (so no byte was replaced or lost).
 *
 * @example
 * decodeCsvText(iconv.encode('企业名称', 'gb18030')); // '企业名称'
 */
export function decodeCsvText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    // not UTF-8: try GB18030 below
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = iconv.decode(buffer, 'gb18030', { stripBOM: false });
  if (!text.includes('\uFFFD') && iconv.encode(text, 'gb18030').equals(buffer)) return text;
  throw new ValidationError('IMPORT_ENCODING_INVALID', 'the CSV file is neither valid UTF-8 nor valid GB18030');
}

async function* readCsv(source: ImportSource): AsyncGenerator<RawImportRow> {
  const text = decodeCsvText(source.bytes);
  const parser = parse(text, {
    bom: true,
    trim: true,
    relax_quotes: false,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    raw: true,
  });
  let columns: Columns | undefined;
  try {
    for await (const { record, raw, info } of parser as AsyncIterable<{
      record: string[];
      raw: string;
      info: { lines: number };
    }>) {
      if (columns === undefined) {
        columns = mapHeaders(record, source.headers);
        continue;
      }
      const row = assembleRow(
        firstLine(info.lines, raw),
        columns,
        record.map((text) => ({ text })),
      );
      if (row) yield row;
    }
  } catch (error) {
    if (error instanceof PermitError) throw error;
    throw unreadable(`not a readable CSV file: ${(error as Error).message}`, error);
  }
  if (columns === undefined) throw unreadable('the file has no header row');
}

/** csv-parse reports the line a record ends on; a quoted cell may span lines, and a row is named by its first. */
function firstLine(lastLine: number, raw: string): number {
  const body = raw.replace(/(\r\n|\n|\r)$/, '');
  return lastLine - (body.match(/\r\n|\n|\r/g)?.length ?? 0);
}

async function* readXlsx(source: ImportSource): AsyncGenerator<RawImportRow> {
  const sheet = await openFirstSheet(source.bytes).catch((error: unknown) => {
    throw notXlsx(error);
  });
  if (sheet === undefined) throw unreadable('the workbook has no worksheet');
  const tailsOf = mergeTails(sheet.merges);

  let columns: Columns | undefined;
  try {
    for await (const line of sheet.rows()) {
      if (columns === undefined) {
        columns = headerColumns(line.number === 1 ? line : undefined, tailsOf(1), source.headers);
        if (line.number === 1) continue;
      }
      const tails = tailsOf(line.number);
      if (!line.hasValues && tails.size === 0) continue;
      const cells: CellRead[] = [];
      const width = widthOf(line, tails);
      for (let c = 1; c <= width; c += 1) {
        cells.push(tails.has(c) ? { flag: 'merged' } : readCell(line.getCell(c)));
      }
      const row = assembleRow(line.number, columns, cells);
      if (row) yield row;
    }
  } catch (error) {
    throw error instanceof PermitError ? error : notXlsx(error);
  }
  if (columns === undefined) {
    // No row at all; merged ranges alone still make a (blank) header row, as the whole-workbook reader had it.
    if (sheet.merges.length === 0) throw unreadable('the first worksheet is empty');
    headerColumns(undefined, tailsOf(1), source.headers);
  }
}

/** The header row's columns; a header cell in the tail of a merge reads as the merge's first cell. */
function headerColumns(
  header: ExcelJS.Row | undefined,
  tails: ReadonlyMap<number, MergeRange>,
  mapping: ImportSource['headers'],
): Columns {
  const cells: string[] = [];
  const width = widthOf(header, tails);
  for (let c = 1; c <= width; c += 1) {
    const merge = tails.get(c);
    cells.push(header?.getCell(merge?.left ?? c).text ?? '');
  }
  return mapHeaders(cells, mapping);
}

/** The cells a row spans: its own, and the tails of merges crossing it (which may lie beyond its last cell). */
function widthOf(line: ExcelJS.Row | undefined, tails: ReadonlyMap<number, MergeRange>): number {
  let width = line?.cellCount ?? 0;
  for (const column of tails.keys()) width = Math.max(width, column);
  return width;
}

const NO_TAILS: ReadonlyMap<number, MergeRange> = new Map();

/**
 * For rows asked in increasing order, the columns of each row that are the tail of a merge (the merge's cells except
 * its top-left one). Overlapping merges make the file unreadable, as exceljs's whole-workbook reader refuses them.
 */
function mergeTails(merges: readonly MergeRange[]): (row: number) => ReadonlyMap<number, MergeRange> {
  const byTop = [...merges].sort((a, b) => a.top - b.top);
  let next = 0;
  let active: MergeRange[] = [];
  return (row) => {
    for (let merge = byTop[next]; merge !== undefined && merge.top <= row; merge = byTop[++next]) active.push(merge);
    active = active.filter((merge) => merge.bottom >= row);
    if (active.length === 0) return NO_TAILS;
    const tails = new Map<number, MergeRange>();
    const covered = new Set<number>();
    for (const merge of active) {
      for (let c = merge.left; c <= merge.right; c += 1) {
        if (covered.has(c)) throw unreadable(`merged cells overlap in row ${row}, column ${c}`);
        covered.add(c);
        if (row !== merge.top || c !== merge.left) tails.set(c, merge);
      }
    }
    return tails;
  };
}

function readCell(cell: ExcelJS.Cell): CellRead {
  const value = cell.value;
  if (value === null || value === undefined) return {};
  if (typeof value === 'string') return { text: unescapeXlsx(value) };
  if (typeof value === 'number' || typeof value === 'boolean') return { text: String(value) };
  if (value instanceof Date) return { text: wallClockDate(value) };
  if ('formula' in value || 'sharedFormula' in value) return { flag: 'formula' };
  if ('richText' in value) return { text: unescapeXlsx(value.richText.map((part) => part.text).join('')) };
  if ('hyperlink' in value) return { text: value.text };
  if ('error' in value) return { text: value.error };
  return { text: cell.text };
}

/**
 * XLSX escapes characters XML cannot hold (a carriage return, Excel's `_x000D_`) as `_xHHHH_`; exceljs's
 * whole-workbook reader undoes this in strings, its streaming reader does not.
 */
function unescapeXlsx(text: string): string {
  return text.replace(/_x([0-9A-F]{4})_/g, (_escape, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/**
 * A spreadsheet date as the spreadsheet shows it. Excel stores wall-clock serials without a zone and exceljs hands them
 * over as UTC instants, so the UTC calendar date is the date the sheet shows (and is the Asia/Shanghai date the
 * author typed); shifting by +08:00 would move a cell reading 2024-05-01 20:00 to the next day.
 */
function wallClockDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Places cells in their columns; a blank row is `undefined`. Data under no header is refused, not dropped.
 */
function assembleRow(row: number, columns: Columns, cells: readonly CellRead[]): RawImportRow | undefined {
  const values: Partial<Record<ImportColumn, string>> = {};
  const formula: ImportColumn[] = [];
  const merged: ImportColumn[] = [];
  cells.forEach((cell, index) => {
    const text = cell.text?.trim() ?? '';
    if (text === '' && cell.flag === undefined) return;
    const column = columns[index];
    if (column === undefined) {
      if (cell.flag === 'merged') return; // a merge running on past the last headed column
      throw new ValidationError(
        'IMPORT_HEADER_UNKNOWN',
        `row ${row} has a value in column ${index + 1}, which has no header`,
        [{ field: `header.${index + 1}`, message: 'no header' }],
      );
    }
    if (cell.flag === 'formula') formula.push(column);
    else if (cell.flag === 'merged') merged.push(column);
    else values[column] = text;
  });
  // A row with nothing but the tail of a merge from the rows above carries no data of its own: blank.
  if (Object.keys(values).length === 0 && formula.length === 0) return undefined;
  const flags = {
    ...(formula.length > 0 ? { formula } : {}),
    ...(merged.length > 0 ? { merged } : {}),
  };
  return Object.keys(flags).length > 0 ? { row, values, flags } : { row, values };
}

function notXlsx(error: unknown): ValidationError {
  return unreadable(`not a readable XLSX file: ${(error as Error).message}`, error);
}

function unreadable(message: string, cause?: unknown): ValidationError {
  return new ValidationError('IMPORT_FILE_UNREADABLE', message, [], { cause });
}
