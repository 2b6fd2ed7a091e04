/**
 * The header row of an import file, turned into a column per position: names matched after NFKC and trimming
 * against the provincial export's names (`DEFAULT_IMPORT_HEADERS`) and the caller's mapping merged over them. Refuses
 * rather than guesses: an unknown name, two headers for one column, or a required column without a header.
 */

import { ValidationError } from '../../domain/errors';
import {
  DEFAULT_IMPORT_HEADERS,
  IMPORT_COLUMNS,
  type ImportColumn,
  REQUIRED_IMPORT_COLUMNS,
} from '../../domain/import/import-row';

/**
 * A header cell's text as it is matched: NFKC (full-width letters and slashes become their ASCII forms) and trimmed.
 *
 * @example
 * normaliseHeader(' 产品／单元 '); // '产品/单元'
 */
export const normaliseHeader = (text: string): string => text.normalize('NFKC').trim();

/**
 * The column of each header position (`undefined` for a blank header cell, whose column must stay empty).
 *
 * @example
 * mapHeaders(['企业名称', '统一社会信用代码', …], { 单位名称: 'enterpriseName' }); // ['enterpriseName', 'uscc', …]
 */
export function mapHeaders(
  cells: readonly string[],
  mapping: Readonly<Record<string, ImportColumn>> = {},
): readonly (ImportColumn | undefined)[] {
  const known = new Map<string, ImportColumn>();
  for (const column of IMPORT_COLUMNS) for (const name of DEFAULT_IMPORT_HEADERS[column]) known.set(name, column);
  for (const [name, column] of Object.entries(mapping)) {
    if (!(IMPORT_COLUMNS as readonly string[]).includes(column)) {
      throw new ValidationError('IMPORT_HEADER_UNKNOWN', `header mapping names no column: "${name}" → "${column}"`, [
        { field: `headers.${name}`, message: 'unknown column' },
      ]);
    }
    known.set(normaliseHeader(name), column);
  }

  const seen = new Map<ImportColumn, string>();
  const columns = cells.map((cell, index) => {
    const name = normaliseHeader(cell);
    if (name === '') return undefined;
    const column = known.get(name);
    if (column === undefined) {
      throw new ValidationError(
        'IMPORT_HEADER_UNKNOWN',
        `header "${name}" (column ${index + 1}) maps to no import column`,
        [{ field: `header.${index + 1}`, message: name }],
      );
    }
    const earlier = seen.get(column);
    if (earlier !== undefined) {
      throw new ValidationError(
        'IMPORT_HEADER_DUPLICATE',
        `headers "${earlier}" and "${name}" (column ${index + 1}) both map to ${column}`,
        [{ field: `header.${index + 1}`, message: name }],
      );
    }
    seen.set(column, name);
    return column;
  });

  const missing = REQUIRED_IMPORT_COLUMNS.filter((column) => !seen.has(column));
  if (missing.length > 0) {
    const names = missing.map((column) => DEFAULT_IMPORT_HEADERS[column][0] ?? column);
    throw new ValidationError(
      'IMPORT_HEADER_MISSING',
      `required columns missing: ${names.join('、')}`,
      missing.map((column, i) => ({ field: `header.${column}`, message: names[i] ?? column })),
    );
  }
  return columns;
}
