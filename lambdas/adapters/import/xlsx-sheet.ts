/**
 * The first worksheet of an XLSX file, streamed, for the import file reader. The zip is opened through its central
 * directory (`jszip`, which only indexes it: nothing is inflated until an entry is read), so the parts are read in the
 * order they are needed whatever order the writer stored them in: the workbook and its relationships (which sheet is
 * first), styles (which numbers are dates) and shared strings; then the first worksheet twice, each time inflated a
 * chunk at a time — once scanned for `<mergeCell ref="…">` (they follow `<sheetData>`), once parsed into rows.
 *
 * The parsing is exceljs 4.4.0's own streaming reader, called part by part (the `_parse*` methods of its
 * `WorkbookReader`; exceljs is pinned exactly) rather than through `WorkbookReader.read`, because that entry point
 *  - decodes every inflated chunk as UTF-8 on its own, so a Chinese character split across two chunks becomes two
 *    U+FFFD (measured: 60 of 20,000 rows of Chinese text corrupted); here each entry is decoded by one stream decoder;
 *  - spools every worksheet to a temporary file when it precedes the shared strings in the zip, as in files saved by
 *    Excel, which puts the uncompressed XML of all sheets on the Lambda's /tmp;
 *  - skips `<mergeCell>` altogether, so merged cells could not be flagged.
 */
import { posix } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

/**
 * A merged range of cells, 1-based and inclusive; its top-left cell holds the value, the others are its tail.
 *
 * @example
 * const range: MergeRange = { top: 2, left: 1, bottom: 4, right: 1 }; // A2:A4
 */
export interface MergeRange {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/**
 * The first worksheet: its merged ranges, and its rows as exceljs rows, in file order (absent rows are not yielded).
 * `rows()` streams the sheet once per call.
 *
 * @example
 * const sheet = await openFirstSheet(bytes);
 * for await (const row of sheet?.rows() ?? []) console.log(row.number, row.getCell(1).value);
 */
export interface XlsxSheet {
  readonly merges: readonly MergeRange[];
  rows(): AsyncIterable<ExcelJS.Row>;
}

/** The parts of exceljs 4.4.0's `WorkbookReader` used one by one (see the module comment). */
interface WorkbookReaderParts {
  readonly workbookRels?: readonly { readonly Id: string; readonly Type: string; readonly Target: string }[];
  readonly model?: { readonly sheets?: readonly { readonly rId: string }[] };
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncIterable<unknown>;
  _parseWorksheet(
    text: AsyncIterable<string>,
    sheetNo: string,
  ): Iterable<{ readonly value: AsyncIterable<ExcelJS.Row> }>;
}

/**
 * Opens an XLSX file's first worksheet (the first `<sheet>` of `xl/workbook.xml` whose relationship is a worksheet),
 * or `undefined` when the workbook has none. Throws a plain `Error` when the bytes are not a readable XLSX file.
 *
 * @example
 * const sheet = await openFirstSheet(bytes);
 * if (sheet === undefined) throw new Error('no worksheet');
 */
export async function openFirstSheet(bytes: Uint8Array): Promise<XlsxSheet | undefined> {
  const zip = await JSZip.loadAsync(bytes);
  const workbook = zip.file('xl/workbook.xml');
  const rels = zip.file('xl/_rels/workbook.xml.rels');
  if (workbook === null || rels === null) throw new Error('no xl/workbook.xml or its relationships');

  // The input stream is never read: the entries are handed over one by one below.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'ignore',
  }) as unknown as WorkbookReaderParts;
  await reader._parseWorkbook(text(workbook));
  await reader._parseRels(text(rels));

  const sheet = firstWorksheet(zip, reader);
  if (sheet === undefined) return undefined;

  const styles = zip.file('xl/styles.xml');
  if (styles !== null) await reader._parseStyles(text(styles));
  const sharedStrings = zip.file('xl/sharedStrings.xml');
  // With `sharedStrings: 'cache'` this fills the reader's table and yields nothing.
  if (sharedStrings !== null) for await (const _ of reader._parseSharedStrings(text(sharedStrings))) void _;

  const merges = await scanMerges(sheet);
  return {
    merges,
    async *rows() {
      for (const { value } of reader._parseWorksheet(textOf(sheet), '1')) yield* value;
    },
  };
}

function firstWorksheet(zip: JSZip, reader: WorkbookReaderParts): JSZip.JSZipObject | undefined {
  for (const sheet of reader.model?.sheets ?? []) {
    const rel = reader.workbookRels?.find((candidate) => candidate.Id === sheet.rId);
    // A chart sheet is a `<sheet>` too; its relationship type ends in /chartsheet.
    if (rel === undefined || !rel.Type.endsWith('/worksheet')) continue;
    const path = rel.Target.startsWith('/') ? rel.Target.slice(1) : posix.join('xl', rel.Target);
    const file = zip.file(path);
    if (file !== null) return file;
  }
  return undefined;
}

/** An element's `ref`, whatever the namespace prefix and quotes; markup only, as `<` in text is escaped. */
const MERGE_CELL = /<(?:[A-Za-z_][\w.-]*:)?mergeCell\s[^>]*?\bref\s*=\s*["']([^"']*)["']/g;

/**
 * The merged ranges of a worksheet, scanned from its XML a chunk at a time. Latin-1 maps each byte to one character,
 * so no piece boundary splits a character and the ASCII markup reads as it is; an unfinished tag at the end of a
 * chunk is carried over to the next.
 */
async function scanMerges(sheet: JSZip.JSZipObject): Promise<MergeRange[]> {
  const merges: MergeRange[] = [];
  let tail = '';
  for await (const chunk of textOf(sheet, 'latin1')) {
    const xml = tail + chunk;
    let end = 0;
    for (const match of xml.matchAll(MERGE_CELL)) {
      merges.push(parseRange(match[1] ?? ''));
      end = (match.index ?? 0) + match[0].length;
    }
    const open = xml.lastIndexOf('<');
    tail = open >= end && !xml.includes('>', open) ? xml.slice(open) : '';
  }
  return merges;
}

const CELL_RANGE = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/;

function parseRange(ref: string): MergeRange {
  const match = CELL_RANGE.exec(ref.trim().toUpperCase());
  if (match === null) throw new Error(`merged range "${ref}" is not a cell range`);
  const [, firstColumn = '', firstRow = '', lastColumn = firstColumn, lastRow = firstRow] = match;
  const columns = [columnNumber(firstColumn), columnNumber(lastColumn)];
  const rows = [Number(firstRow), Number(lastRow)];
  return {
    top: Math.min(...rows),
    left: Math.min(...columns),
    bottom: Math.max(...rows),
    right: Math.max(...columns),
  };
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const letter of letters) n = n * 26 + (letter.charCodeAt(0) - 64);
  return n;
}

/**
 * An entry's content as text, inflated as it is read and decoded in pieces of at most 4 KiB by one decoder for the
 * whole entry, so a character split between two pieces is joined, not replaced. The pieces are small because exceljs
 * parses a whole piece before handing over its rows: a large inflated chunk and its rows live long enough to be
 * promoted to V8's old generation (measured over 100,000 rows: unsplit, 5 of 6 runs peaked at ~170 MiB of RSS growth
 * rather than ~95 MiB; split, 3 of 6).
 */
async function* textOf(file: JSZip.JSZipObject, encoding: 'utf-8' | 'latin1' = 'utf-8'): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding);
  const inflated = new PassThrough();
  const source = file.nodeStream('nodebuffer');
  source.on('error', (error: Error) => inflated.destroy(error));
  source.pipe(inflated);
  for await (const chunk of inflated as AsyncIterable<Buffer>) {
    for (let start = 0; start < chunk.length; start += PIECE_BYTES) {
      yield decoder.decode(chunk.subarray(start, start + PIECE_BYTES), { stream: true });
    }
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

const PIECE_BYTES = 4096;

/** The text of an entry as a stream, for the exceljs parsers that listen for `data` events. */
const text = (file: JSZip.JSZipObject): Readable => Readable.from(textOf(file));
