/**
 * The rows of a licence import (licences issued before Permit, from a provincial export: `docs/import.md`) as the
 * file reader hands them over: one record per data row, each value the cell's text, keyed by the column it maps to.
 * Reading (CSV/XLSX, encodings, headers) is the reader's business; what a row means is the import plan's.
 */

/** The columns an import understands, in the order a provincial export lists them. */
export const IMPORT_COLUMNS = [
  'enterpriseName',
  'uscc',
  'domicile',
  'productionAddress',
  'product',
  'licenceNo',
  'issueDate',
  'validUntil',
  'status',
  'statusDate',
  'paperCopy',
  'recipient',
  'phone',
  'mailingAddress',
  'postcode',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/**
 * Columns a file may leave out: no status means valid; the status date defaults to the import's day; the paper copy
 * and its address (收件人, 联系电话, 邮寄地址, 邮政编码 — needed only on rows that ask for a paper copy) default to none.
 */
export const OPTIONAL_IMPORT_COLUMNS: readonly ImportColumn[] = [
  'status',
  'statusDate',
  'paperCopy',
  'recipient',
  'phone',
  'mailingAddress',
  'postcode',
];

/** Columns every file must have. */
export const REQUIRED_IMPORT_COLUMNS: readonly ImportColumn[] = IMPORT_COLUMNS.filter(
  (c) => !OPTIONAL_IMPORT_COLUMNS.includes(c),
);

/**
 * The header names of a provincial export, per column (matched after trimming and NFKC). A file with other names
 * passes a mapping `{ "单位名称": "enterpriseName" }`.
 *
 * @example
 * DEFAULT_IMPORT_HEADERS.licenceNo; // ['证书编号', '许可证编号']
 */
export const DEFAULT_IMPORT_HEADERS: Readonly<Record<ImportColumn, readonly string[]>> = {
  enterpriseName: ['企业名称'],
  uscc: ['统一社会信用代码'],
  domicile: ['住所'],
  productionAddress: ['生产地址'],
  product: ['产品/单元', '产品单元', '产品名称'],
  licenceNo: ['证书编号', '许可证编号'],
  issueDate: ['发证日期'],
  validUntil: ['有效期至'],
  status: ['状态', '证书状态'],
  statusDate: ['状态日期', '状态变更日期'],
  paperCopy: ['纸质证书', '邮寄纸质证书'],
  recipient: ['收件人'],
  phone: ['联系电话', '收件人电话'],
  mailingAddress: ['邮寄地址', '收件地址'],
  postcode: ['邮政编码', '邮编'],
};

/**
 * One data row. `row` is the row's number in the file as a spreadsheet shows it (the header is row 1, so the first
 * data row is 2; in a CSV, the record's first line number). Values are trimmed text; an empty cell is absent.
 *
 * @example
 * const row: RawImportRow = { row: 2, values: { enterpriseName: '武汉示例机械制造有限公司', uscc: '91420100MA4K0A0A1E' } };
 * const merged: RawImportRow = { row: 3, values: { product: '水泥' }, flags: { merged: ['enterpriseName'] } };
 */
export interface RawImportRow {
  readonly row: number;
  readonly values: Partial<Readonly<Record<ImportColumn, string>>>;
  /**
   * Cells the reader would not take at face value (XLSX only), by column; such a cell's value is absent from
   * `values`, and the plan reports the row (`ROW_FORMULA`, and likewise for merged cells) rather than guess:
   * `formula` — the cell holds a formula (its cached result may be stale or absent);
   * `merged` — the cell is covered by a merge whose value sits in another cell (the merge's master).
   */
  readonly flags?: {
    readonly formula?: readonly ImportColumn[];
    readonly merged?: readonly ImportColumn[];
  };
}

/**
 * One finding of a dry run, for the report (JSON and CSV: row, column, code, message). `row` and `column` are null
 * for findings about the whole file.
 *
 * @example
 * const p: ImportProblem = { row: 7, column: 'uscc', code: 'ROW_USCC_INVALID', message: 'USCC check character …' };
 */
export interface ImportProblem {
  readonly row: number | null;
  readonly column: ImportColumn | null;
  readonly code: string;
  readonly message: string;
}
