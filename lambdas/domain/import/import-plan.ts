/**
 * The dry run's rules: what the rows of an import file mean. {@link planImport} validates every row, merges the rows
 * of one licence number into one draft certificate, and reports every finding (row, column, code, message). Nothing
 * is written; the run imports exactly the drafts of the plan.
 *
 * A draft is all or nothing — never half a certificate: a row with an error leaves its whole licence out (the other
 * rows of that licence get `ROW_LICENCE_INVALID_ROWS`), rows of one licence that disagree on the enterprise, dates
 * or status all get `ROW_CONFLICTING_ROWS`, and two licence numbers for one USCC (one enterprise, one certificate)
 * both get `ROW_DUPLICATE_ENTERPRISE`. Duplicates against the register are the use case's business (it has the
 * repository); this module sees only the file.
 */
import type { Catalogue, CatalogueProduct } from '../catalogue';
import type { CertificateStatus } from '../certificate-status';
import { addDays, compareDates, isExpired, isLocalDate, type LocalDate, parseLocalDate, validUntil } from '../dates';
import { ValidationError } from '../errors';
import { LicenceNumber } from '../licence-number';
import { type PostalAddress, parsePostalAddress } from '../postal-address';
import { type Province, provinceByAbbr, provinceByCode } from '../province';
import { describeCharacter, TEXT_LIMITS, textLength, unprintableCharacters } from '../text';
import { parseUscc, type Uscc } from '../uscc';
import {
  IMPORT_COLUMNS,
  type ImportColumn,
  type ImportProblem,
  type RawImportRow,
  REQUIRED_IMPORT_COLUMNS,
} from './import-row';
import { IMPORT_ROW_CODES, type ImportRowCode } from './import-row-codes';

/**
 * One licence as the file describes it, ready to import: the rows it came from, merged.
 *
 * @example
 * draft.products; // ['06-001', '06-002']: every row's product, in file order, once each
 */
export interface ImportDraft {
  readonly licenceNo: LicenceNumber;
  /** The file rows merged into this draft, ascending as they came. */
  readonly rows: number[];
  readonly enterprise: {
    readonly name: string;
    readonly uscc: Uscc;
    readonly domicile: string;
    /** Distinct, in file order. */
    readonly productionAddresses: string[];
  };
  /** Catalogue keys (`06-001`), distinct, in file order; each in force on the issue date. */
  readonly products: string[];
  readonly issueDate: LocalDate;
  readonly validUntil: LocalDate;
  readonly status: CertificateStatus;
  /** The day the previous system recorded a status other than valid (absent: the import's day). */
  readonly statusDate?: LocalDate;
  /** The file says 过期 / expired, or the last valid day is before today: imported as expired, not an error. */
  readonly expired: boolean;
  /** Where to mail a paper copy, when the row (or the run's `paperCopy`) asks for one; absent: none. */
  readonly paperCopy?: PostalAddress;
}

/**
 * The result of a dry run: the drafts to import, every finding, and how many rows were read.
 *
 * @example
 * const plan: ImportPlan = planImport(rows, { catalogue, province: '鄂', today: '2026-12-06' });
 * plan.drafts.length; // licences that will be imported
 */
export interface ImportPlan {
  readonly drafts: ImportDraft[];
  /** Ordered by row, then column (file order), then code. */
  readonly problems: ImportProblem[];
  readonly rows: number;
}

/**
 * What a plan needs besides the rows.
 *
 * @example
 * const ctx: ImportPlanContext = { catalogue, province: '鄂', today: today(clock) };
 */
export interface ImportPlanContext {
  readonly catalogue: Catalogue;
  /** The importing authority's province: its abbreviation (`鄂`) or GB/T 2260 code (`42`). */
  readonly province: string;
  /** Today in Asia/Shanghai, `YYYY-MM-DD`. */
  readonly today: string;
  /** Every licence gets a paper copy unless its row says 否 (the CLI's `--paper`); default: only rows saying 是. */
  readonly paperCopy?: boolean;
}

/** Status words of provincial exports (matched after NFKC, lower-cased). */
interface SaidStatus {
  readonly status: CertificateStatus;
  readonly expired: boolean;
}

const said = (words: readonly string[], status: CertificateStatus, expired = false): [string, SaidStatus][] =>
  words.map((w) => [w, { status, expired }]);

const STATUS_WORDS: ReadonlyMap<string, SaidStatus> = new Map([
  ...said(['有效', 'valid'], 'valid'),
  ...said(['暂扣', '已暂扣', 'suspended'], 'suspended'),
  ...said(['吊销', '已吊销', 'revoked'], 'revoked'),
  ...said(['注销', '已注销', 'cancelled', 'canceled'], 'cancelled'),
  ...said(['过期', '已过期', 'expired'], 'valid', true),
]);

const PAPER_WORDS: ReadonlyMap<string, boolean> = new Map([
  ['是', true],
  ['yes', true],
  ['y', true],
  ['1', true],
  ['true', true],
  ['否', false],
  ['no', false],
  ['n', false],
  ['0', false],
  ['false', false],
]);

/** `2024-09-25`, `2024/9/25`, `2024.9.25`, `2024年9月25日` (after NFKC). */
const DATE_TEXT = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/u;

/** Separators between several products in one cell. */
const PRODUCT_SEPARATORS = /[;；、]/u;

/** The text columns printed on the certificate, with their limits. */
const TEXT_COLUMNS = {
  enterpriseName: TEXT_LIMITS.enterpriseName,
  domicile: TEXT_LIMITS.domicile,
  productionAddress: TEXT_LIMITS.productionAddress,
} as const satisfies Partial<Record<ImportColumn, number>>;

/** Columns every row of one licence must agree on (`mailingAddress` standing for the whole paper-copy address). */
const AGREEING_COLUMNS = [
  'enterpriseName',
  'uscc',
  'domicile',
  'issueDate',
  'validUntil',
  'status',
  'statusDate',
  'mailingAddress',
] as const;
type AgreeingColumn = (typeof AGREEING_COLUMNS)[number];

/** What one row says, as far as it could be read, and what is wrong with it. */
interface RowReading {
  readonly row: number;
  readonly problems: ImportProblem[];
  /** Grouping key: the licence number's printed form, else the raw text, else the row itself. */
  readonly key: string;
  readonly licenceNo?: LicenceNumber;
  readonly uscc?: Uscc;
  readonly products: string[];
  readonly address?: string;
  readonly paperCopy?: PostalAddress;
  readonly expired: boolean;
  readonly status: CertificateStatus;
  readonly statusDate?: LocalDate;
  /** The values rows of one licence must agree on, normalised (absent when unreadable). */
  readonly agreeing: Partial<Record<AgreeingColumn, string>>;
}

function problem(row: number, column: ImportColumn | null, code: ImportRowCode, detail: string): ImportProblem {
  return { row, column, code, message: `${detail} (${IMPORT_ROW_CODES[code].zh})` };
}

function resolveProvince(input: string): Province {
  const province = provinceByAbbr(input) ?? provinceByCode(input);
  if (!province) {
    throw new ValidationError('LICENCE_NUMBER_PROVINCE', 'unknown province for the import', [
      { field: 'province', message: `"${input}" is neither a province abbreviation nor a GB/T 2260 code` },
    ]);
  }
  return province;
}

/**
 * Read an import date: `YYYY-MM-DD`, or with `/`, `.` or 年月日 and one-digit months and days, as spreadsheets and
 * Chinese exports write them. Undefined when it is not a calendar date.
 *
 * @example
 * parseImportDate('2024年9月5日'); // '2024-09-05'
 * parseImportDate('2024/02/30'); // undefined
 */
export function parseImportDate(text: string): LocalDate | undefined {
  const match = DATE_TEXT.exec(text.normalize('NFKC').trim());
  if (!match) return undefined;
  const iso = `${match[1]}-${(match[2] ?? '').padStart(2, '0')}-${(match[3] ?? '').padStart(2, '0')}`;
  return isLocalDate(iso) ? iso : undefined;
}

/**
 * Find a product by its catalogue key (`06-001`) or its exact Chinese or English name. Undefined when none or more
 * than one product matches.
 *
 * @example
 * findImportProduct(catalogue, '电线电缆')?.key; // '06-001'
 */
export function findImportProduct(catalogue: Catalogue, text: string): CatalogueProduct | undefined {
  const wanted = text.normalize('NFKC').trim();
  const byKey = catalogue.findProduct(wanted);
  if (byKey) return byKey;
  const lower = wanted.toLowerCase();
  const matches = catalogue.products.filter(
    (p) => p.name.zh.normalize('NFKC') === wanted || p.name.en.normalize('NFKC').toLowerCase() === lower,
  );
  return matches.length === 1 ? matches[0] : undefined;
}

interface Ctx {
  readonly catalogue: Catalogue;
  readonly province: Province;
  readonly today: LocalDate;
  readonly paperCopy: boolean;
}

function readRow(raw: RawImportRow, ctx: Ctx): RowReading {
  const { row } = raw;
  const problems: ImportProblem[] = [];
  const text: Partial<Record<ImportColumn, string>> = {};
  const flagged = new Set<ImportColumn>();
  for (const column of raw.flags?.formula ?? []) {
    flagged.add(column);
    problems.push(problem(row, column, 'ROW_FORMULA', `${column} is a formula cell`));
  }
  for (const column of raw.flags?.merged ?? []) {
    flagged.add(column);
    problems.push(problem(row, column, 'ROW_MERGED_CELL', `${column} is a merged cell`));
  }
  for (const column of IMPORT_COLUMNS) {
    if (flagged.has(column)) continue;
    const value = raw.values[column]?.normalize('NFC').trim();
    if (value === undefined || value === '') {
      if (REQUIRED_IMPORT_COLUMNS.includes(column)) {
        problems.push(problem(row, column, 'ROW_FIELD_MISSING', `${column} is required`));
      }
      continue;
    }
    const bad = unprintableCharacters(value);
    if (bad.length > 0) {
      const names = bad.map(describeCharacter).join(', ');
      problems.push(problem(row, column, 'ROW_TEXT_NOT_PRINTABLE', `${column} contains ${names}`));
      continue;
    }
    text[column] = value;
  }

  for (const [column, max] of Object.entries(TEXT_COLUMNS) as [keyof typeof TEXT_COLUMNS, number][]) {
    const value = text[column];
    if (value !== undefined && textLength(value) > max) {
      const detail = `${column} is ${textLength(value)} characters long; at most ${max} are allowed`;
      problems.push(problem(row, column, 'ROW_TEXT_TOO_LONG', detail));
      delete text[column];
    }
  }

  let uscc: Uscc | undefined;
  if (text.uscc !== undefined) {
    try {
      uscc = parseUscc(text.uscc);
    } catch (error) {
      const detail = error instanceof ValidationError ? (error.details.issues?.[0]?.message ?? error.message) : '';
      problems.push(problem(row, 'uscc', 'ROW_USCC_INVALID', `"${text.uscc}": ${detail}`));
    }
  }

  let licenceNo: LicenceNumber | undefined;
  let key = `row:${row}`;
  if (text.licenceNo !== undefined) {
    key = `text:${text.licenceNo.normalize('NFKC')}`;
    try {
      licenceNo = LicenceNumber.parse(text.licenceNo);
    } catch (error) {
      const detail = error instanceof Error ? error.message : '';
      problems.push(problem(row, 'licenceNo', 'ROW_LICENCE_NO_INVALID', `"${text.licenceNo}": ${detail}`));
    }
    if (licenceNo) {
      key = licenceNo.toString();
      if (licenceNo.province !== ctx.province.abbr) {
        const detail = `${licenceNo} is a licence of ${licenceNo.province}, not of ${ctx.province.abbr} (${ctx.province.name})`;
        problems.push(problem(row, 'licenceNo', 'ROW_LICENCE_PROVINCE', detail));
      }
    }
  }

  const dates = readDates(row, text, ctx.today, problems);
  const { status, expired, statusKey } = readStatus(row, text.status, problems);
  const isPastExpiry = dates.validUntil !== undefined && isExpired(dates.validUntil, ctx.today);
  if (expired && dates.validUntil !== undefined && !isPastExpiry) {
    const detail = `status says expired, but the licence is valid until ${dates.validUntil} (today is ${ctx.today})`;
    problems.push(problem(row, 'validUntil', 'ROW_DATES_INVALID', detail));
  }

  const products: string[] = [];
  if (text.product !== undefined) {
    const names = text.product
      .split(PRODUCT_SEPARATORS)
      .map((part) => part.trim())
      .filter((name) => name !== '');
    if (names.length === 0) problems.push(problem(row, 'product', 'ROW_FIELD_MISSING', 'product names no product'));
    for (const name of names) {
      const found = findImportProduct(ctx.catalogue, name);
      if (!found) {
        problems.push(problem(row, 'product', 'ROW_PRODUCT_UNKNOWN', `"${name}" is not in the catalogue`));
      } else if (dates.issueDate !== undefined && !ctx.catalogue.isLicensableOn(found.key, dates.issueDate)) {
        const detail = `${found.key} ${found.name.zh} was not under licence on the issue date ${dates.issueDate}`;
        problems.push(problem(row, 'product', 'ROW_PRODUCT_UNKNOWN', detail));
      } else if (!products.includes(found.key)) {
        products.push(found.key);
      }
    }
  }

  let wantsPaper = ctx.paperCopy;
  if (text.paperCopy !== undefined) {
    const answer = PAPER_WORDS.get(text.paperCopy.normalize('NFKC').toLowerCase());
    if (answer === undefined) {
      problems.push(problem(row, 'paperCopy', 'ROW_PAPER_COPY_INVALID', `"${text.paperCopy}" is not yes or no`));
    } else {
      wantsPaper = answer;
    }
  }
  const paperCopy = wantsPaper ? readMailing(row, text, problems) : undefined;
  const statusDate = status !== 'valid' ? readStatusDate(row, text, dates.issueDate, ctx.today, problems) : undefined;

  const agreeing: Partial<Record<AgreeingColumn, string>> = {};
  if (text.enterpriseName !== undefined) agreeing.enterpriseName = text.enterpriseName;
  if (uscc !== undefined) agreeing.uscc = uscc;
  if (text.domicile !== undefined) agreeing.domicile = text.domicile;
  if (dates.issueDate !== undefined) agreeing.issueDate = dates.issueDate;
  if (dates.validUntil !== undefined) agreeing.validUntil = dates.validUntil;
  if (statusKey !== undefined) agreeing.status = statusKey;
  if (statusDate !== undefined) agreeing.statusDate = statusDate;
  if (paperCopy !== undefined) agreeing.mailingAddress = JSON.stringify(paperCopy);

  return {
    row,
    problems,
    key,
    ...(licenceNo ? { licenceNo } : {}),
    ...(uscc ? { uscc } : {}),
    products,
    ...(text.productionAddress !== undefined ? { address: text.productionAddress } : {}),
    ...(paperCopy ? { paperCopy } : {}),
    expired: expired || isPastExpiry,
    status,
    ...(statusDate ? { statusDate } : {}),
    agreeing,
  };
}

/** The paper copy's address from the row's mailing columns; a problem when any is missing or invalid. */
function readMailing(
  row: number,
  text: Partial<Record<ImportColumn, string>>,
  problems: ImportProblem[],
): PostalAddress | undefined {
  try {
    return parsePostalAddress(
      {
        recipient: text.recipient,
        phone: text.phone,
        address: { line: text.mailingAddress },
        postcode: text.postcode,
      },
      'mailing',
    );
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const detail = (error.details.issues ?? []).map((i) => `${i.field}: ${i.message}`).join('; ');
    problems.push(problem(row, 'mailingAddress', 'ROW_PAPER_ADDRESS_INVALID', `paper copy asked for; ${detail}`));
    return undefined;
  }
}

/** The day a status other than valid was recorded: optional, on or after the issue date, not after today. */
function readStatusDate(
  row: number,
  text: Partial<Record<ImportColumn, string>>,
  issueDate: LocalDate | undefined,
  today: LocalDate,
  problems: ImportProblem[],
): LocalDate | undefined {
  const value = text.statusDate;
  if (value === undefined) return undefined;
  const date = parseImportDate(value);
  if (!date) {
    problems.push(problem(row, 'statusDate', 'ROW_DATES_INVALID', `statusDate "${value}" is not a date`));
  } else if (compareDates(date, today) > 0) {
    problems.push(problem(row, 'statusDate', 'ROW_DATES_INVALID', `status recorded on ${date}, after today ${today}`));
  } else if (issueDate !== undefined && compareDates(date, issueDate) < 0) {
    const detail = `status recorded on ${date}, before the issue date ${issueDate}`;
    problems.push(problem(row, 'statusDate', 'ROW_DATES_INVALID', detail));
  } else {
    return date;
  }
  return undefined;
}

function readDates(
  row: number,
  text: Partial<Record<ImportColumn, string>>,
  today: LocalDate,
  problems: ImportProblem[],
): { issueDate?: LocalDate; validUntil?: LocalDate } {
  const read = (column: 'issueDate' | 'validUntil'): LocalDate | undefined => {
    const value = text[column];
    if (value === undefined) return undefined;
    const date = parseImportDate(value);
    if (!date) problems.push(problem(row, column, 'ROW_DATES_INVALID', `${column} "${value}" is not a date`));
    return date;
  };
  const issueDate = read('issueDate');
  const lastDay = read('validUntil');
  if (issueDate !== undefined && compareDates(issueDate, today) > 0) {
    const detail = `issued on ${issueDate}, after today ${today}`;
    problems.push(problem(row, 'issueDate', 'ROW_DATES_INVALID', detail));
  }
  if (issueDate !== undefined && lastDay !== undefined) {
    // A licence is valid five years: its last day is validUntil(issueDate); a day more tolerates old systems that
    // wrote the anniversary itself.
    const longest = addDays(validUntil(issueDate), 1);
    if (compareDates(issueDate, lastDay) > 0) {
      const detail = `issued on ${issueDate}, after its last valid day ${lastDay}`;
      problems.push(problem(row, 'validUntil', 'ROW_DATES_INVALID', detail));
    } else if (compareDates(lastDay, longest) > 0) {
      const detail = `valid until ${lastDay}: longer than the 5 years of a licence issued on ${issueDate} (at most ${longest})`;
      problems.push(problem(row, 'validUntil', 'ROW_DATES_INVALID', detail));
    }
  }
  return { ...(issueDate ? { issueDate } : {}), ...(lastDay ? { validUntil: lastDay } : {}) };
}

function readStatus(
  row: number,
  text: string | undefined,
  problems: ImportProblem[],
): { status: CertificateStatus; expired: boolean; statusKey?: string } {
  if (text === undefined) return { status: 'valid', expired: false, statusKey: 'valid' };
  const found = STATUS_WORDS.get(text.normalize('NFKC').toLowerCase());
  if (!found) {
    const detail = `"${text}" is not 有效/暂扣/吊销/注销/过期 (valid/suspended/revoked/cancelled/expired)`;
    problems.push(problem(row, 'status', 'ROW_STATUS_UNKNOWN', detail));
    return { status: 'valid', expired: false };
  }
  return { ...found, statusKey: found.expired ? 'expired' : found.status };
}

/**
 * Validate and merge the rows of an import file (see the module doc for the rules). Pure: reads only the rows, the
 * catalogue and the dates given. Throws only for a bad `ctx` (`LICENCE_NUMBER_PROVINCE`, `DATE_INVALID`), never for
 * a bad row.
 *
 * @example
 * const plan = planImport(rows, { catalogue, province: '鄂', today: '2026-12-06' });
 * plan.problems; // [{ row: 7, column: 'uscc', code: 'ROW_USCC_INVALID', message: '…' }, …]
 */
export function planImport(rows: Iterable<RawImportRow>, ctx: ImportPlanContext): ImportPlan {
  const context: Ctx = {
    catalogue: ctx.catalogue,
    province: resolveProvince(ctx.province),
    today: parseLocalDate(ctx.today, 'today'),
    paperCopy: ctx.paperCopy === true,
  };
  const groups = new Map<string, RowReading[]>();
  let count = 0;
  for (const raw of rows) {
    count += 1;
    const reading = readRow(raw, context);
    const group = groups.get(reading.key);
    if (group) group.push(reading);
    else groups.set(reading.key, [reading]);
  }

  for (const group of groups.values()) {
    const poisoned = group.filter((r) => r.problems.length > 0);
    if (poisoned.length > 0) {
      const bad = poisoned.map((r) => r.row).join(', ');
      for (const r of group) {
        if (r.problems.length > 0) continue;
        r.problems.push(problem(r.row, 'licenceNo', 'ROW_LICENCE_INVALID_ROWS', `row ${bad} of ${r.key} has errors`));
      }
      continue;
    }
    markConflicts(group);
  }

  markDuplicateEnterprises(groups);

  const drafts: ImportDraft[] = [];
  for (const group of groups.values()) {
    if (group.some((r) => r.problems.length > 0)) continue;
    const draft = mergeGroup(group);
    if (draft) drafts.push(draft);
  }

  const columnOrder = (c: ImportColumn | null) => (c === null ? -1 : IMPORT_COLUMNS.indexOf(c));
  const problems = [...groups.values()]
    .flatMap((g) => g.flatMap((r) => r.problems))
    .sort(
      (a, b) =>
        (a.row ?? 0) - (b.row ?? 0) ||
        columnOrder(a.column) - columnOrder(b.column) ||
        (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
    );
  return { drafts, problems, rows: count };
}

/** Rows of one licence that disagree: every row gets one problem per column that differs. */
function markConflicts(group: RowReading[]): void {
  if (group.length < 2) return;
  for (const column of AGREEING_COLUMNS) {
    const values = [...new Set(group.map((r) => r.agreeing[column]))];
    if (values.length < 2) continue;
    const rows = group.map((r) => r.row).join(', ');
    for (const r of group) {
      const detail = `rows ${rows} of ${r.key} disagree on ${column}: ${values.map((v) => `"${v}"`).join(' / ')}`;
      r.problems.push(problem(r.row, column, 'ROW_CONFLICTING_ROWS', detail));
    }
  }
}

/** One enterprise, one certificate: a USCC under two or more licence numbers marks every row of each. */
function markDuplicateEnterprises(groups: ReadonlyMap<string, RowReading[]>): void {
  const byUscc = new Map<string, Set<string>>();
  for (const [key, group] of groups) {
    if (!group[0]?.licenceNo) continue;
    for (const r of group) {
      if (!r.uscc) continue;
      const keys = byUscc.get(r.uscc) ?? new Set<string>();
      keys.add(key);
      byUscc.set(r.uscc, keys);
    }
  }
  for (const [uscc, keys] of byUscc) {
    if (keys.size < 2) continue;
    for (const key of keys) {
      const others = [...keys].filter((k) => k !== key).join(', ');
      for (const r of groups.get(key) ?? []) {
        if (r.uscc !== uscc) continue;
        const detail = `${uscc} also holds ${others}; ${key} is a second certificate for one enterprise`;
        r.problems.push(problem(r.row, 'uscc', 'ROW_DUPLICATE_ENTERPRISE', detail));
      }
    }
  }
}

/** Merge the clean, agreeing rows of one licence; marks every row when the merged licence breaks a limit. */
function mergeGroup(group: RowReading[]): ImportDraft | undefined {
  const first = group[0];
  const { licenceNo, uscc } = first ?? {};
  const { enterpriseName, domicile, issueDate, validUntil: lastDay } = first?.agreeing ?? {};
  if (!first || !licenceNo || !uscc || !enterpriseName || !domicile || !issueDate || !lastDay) return undefined;
  // The licence number carries its first product's codes: that product leads, the others follow in file order.
  const own = `${licenceNo.categoryCode}-${licenceNo.productCode}`;
  const listed = [...new Set(group.flatMap((r) => r.products))];
  if (!listed.includes(own)) {
    for (const r of group) {
      const detail = `${first.key} is a licence for product ${own}, which none of its rows lists (${listed.join(', ')})`;
      r.problems.push(problem(r.row, 'product', 'ROW_LICENCE_PRODUCT_MISMATCH', detail));
    }
    return undefined;
  }
  const products = [own, ...listed.filter((p) => p !== own)];
  const productionAddresses = [...new Set(group.flatMap((r) => (r.address === undefined ? [] : [r.address])))];
  if (productionAddresses.length > TEXT_LIMITS.productionAddresses) {
    for (const r of group) {
      const detail = `${first.key} has ${productionAddresses.length} production addresses; at most ${TEXT_LIMITS.productionAddresses}`;
      r.problems.push(problem(r.row, 'productionAddress', 'ROW_TOO_MANY_ADDRESSES', detail));
    }
    return undefined;
  }
  return {
    licenceNo,
    rows: group.map((r) => r.row),
    enterprise: { name: enterpriseName, uscc, domicile, productionAddresses },
    products,
    issueDate: issueDate as LocalDate,
    validUntil: lastDay as LocalDate,
    status: first.status,
    ...(first.statusDate ? { statusDate: first.statusDate } : {}),
    expired: first.expired,
    ...(first.paperCopy ? { paperCopy: first.paperCopy } : {}),
  };
}
