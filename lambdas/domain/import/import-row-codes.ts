/**
 * The closed list of findings a dry run reports about a row (`ImportProblem.code`). These are report codes, not HTTP
 * error codes: a dry run with bad rows is a successful request whose report lists them. Each code has one bilingual
 * meaning, so the same finding reads the same way in the JSON report, the CSV report and the CLI.
 */

/**
 * Every row code with its meaning.
 *
 * @example
 * IMPORT_ROW_CODES.ROW_USCC_INVALID.en; // 'The unified social credit code is not valid.'
 */
export const IMPORT_ROW_CODES = {
  ROW_FIELD_MISSING: { zh: '必填字段为空。', en: 'A required field is empty.' },
  ROW_TEXT_NOT_PRINTABLE: {
    zh: '含有证书无法打印的字符（控制字符、不可见字符或字体缺字）。',
    en: 'Contains characters the certificate cannot print (control, invisible or missing from the font).',
  },
  ROW_TEXT_TOO_LONG: { zh: '文字超过允许的长度。', en: 'The text is longer than allowed.' },
  ROW_FORMULA: {
    zh: '单元格是公式，请导出为数值后再导入。',
    en: 'The cell holds a formula; export values, not formulas.',
  },
  ROW_MERGED_CELL: {
    zh: '单元格是合并单元格，请取消合并并逐行填写。',
    en: 'The cell is part of a merged range; unmerge and fill every row.',
  },
  ROW_USCC_INVALID: { zh: '统一社会信用代码无效。', en: 'The unified social credit code is not valid.' },
  ROW_LICENCE_NO_INVALID: { zh: '证书编号格式不正确。', en: 'The licence number is not valid.' },
  ROW_LICENCE_PROVINCE: {
    zh: '证书编号不属于本省。',
    en: 'The licence number belongs to another province.',
  },
  ROW_PRODUCT_UNKNOWN: {
    zh: '产品不在目录中，或在发证日期不属于许可范围。',
    en: 'The product is not in the catalogue, or was not under licence on the issue date.',
  },
  ROW_DATES_INVALID: {
    zh: '日期无效：不是日期、发证日期晚于有效期至、晚于今天，或有效期超过5年。',
    en: 'The dates are invalid: not a date, issued after the last valid day or after today, or valid for over 5 years.',
  },
  ROW_STATUS_UNKNOWN: {
    zh: '状态无法识别（有效、暂扣、吊销、注销、过期）。',
    en: 'The status is not one of valid, suspended, revoked, cancelled, expired.',
  },
  ROW_PAPER_COPY_INVALID: {
    zh: '纸质证书一栏应为“是”或“否”。',
    en: 'The paper-copy column must be yes or no (是/否, 1/0).',
  },
  ROW_LICENCE_PRODUCT_MISMATCH: {
    zh: '证书编号中的产品代码与所列产品不符。',
    en: 'The product code in the licence number is not among the licence’s products.',
  },
  ROW_PAPER_ADDRESS_INVALID: {
    zh: '要求邮寄纸质证书，但收件人、联系电话、邮寄地址或邮政编码缺失或无效。',
    en: 'A paper copy is asked for, but the recipient, phone, mailing address or postcode is missing or invalid.',
  },
  ROW_ALREADY_REGISTERED: {
    zh: '该证书编号已在本系统登记。',
    en: 'This licence number is already in the register.',
  },
  ROW_ENTERPRISE_REGISTERED: {
    zh: '该企业在本系统已持有有效证书：一个企业一张证书。',
    en: 'The enterprise already holds a live licence in the register: one enterprise, one certificate.',
  },
  ROW_IMPORT_FAILED: {
    zh: '导入该证书时出错，其他行不受影响。',
    en: 'Importing this licence failed; the other rows were not affected.',
  },
  ROW_CONFLICTING_ROWS: {
    zh: '同一证书编号的各行企业信息、日期、状态或邮寄信息不一致。',
    en: 'Rows with the same licence number disagree on enterprise details, dates, status or mailing details.',
  },
  ROW_LICENCE_INVALID_ROWS: {
    zh: '同一证书编号的其他行有错误，整张证书不予导入。',
    en: 'Another row of this licence has errors, so the whole licence is not imported.',
  },
  ROW_TOO_MANY_ADDRESSES: {
    zh: '同一证书的生产地址超过20个。',
    en: 'The licence has more than 20 production addresses.',
  },
  ROW_DUPLICATE_ENTERPRISE: {
    zh: '同一企业（统一社会信用代码）有多个证书编号：一个企业一张证书。',
    en: 'One enterprise (USCC) has more than one licence number: one enterprise, one certificate.',
  },
} as const satisfies Record<string, { readonly zh: string; readonly en: string }>;

/**
 * A row code.
 *
 * @example
 * const code: ImportRowCode = 'ROW_CONFLICTING_ROWS';
 */
export type ImportRowCode = keyof typeof IMPORT_ROW_CODES;
