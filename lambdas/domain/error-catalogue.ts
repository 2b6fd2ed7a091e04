/**
 * The closed catalogue of error codes: every `code` Permit answers in a problem (`application/problem+json`) or throws
 * as a `PermitError`, with its domain kind ({@link ERROR_CATALOGUE}) and a one-line meaning in English and Chinese
 * ({@link ERROR_MEANINGS}). The catalogue's keys form the {@link ErrorCode} union, so an error class,
 * `problemResponse` or `gatewayProblem` refuses an uncatalogued code at compile time, and the meanings must name
 * exactly the catalogued codes; `test/unit/domain/error-catalogue.test.ts` scans the sources for codes written where
 * the compiler cannot see them and for entries nothing produces any more. The OpenAPI document (the Problem schema's
 * `code` enum and `x-error-codes`) and `docs/errors.md` (`npm run docs:errors`) are generated from both.
 *
 * Kinds and meanings are two objects side by side because only the kinds are behaviour: every function bundles them
 * (about 4 KiB), while the meanings (about 20 KiB of text) stay out of every bundle but the OpenAPI function's.
 *
 * A kind says what went wrong in domain terms; the HTTP status is mapped from it at the edge only
 * (`lambdas/shared/problem-status.ts`). One code has one kind: a code is a contract a client switches on, so the same
 * name never means "your request is wrong" on one route and "it cannot be done" on another.
 *
 * A meaning's `local: true` marks codes only the local runtime answers (its gateway, `/_local/clock`, the local key
 * store). Not here, because they never reach an API client: the local runtime's start-up errors (`LocalRuntimeErrorCode` in
 * `lib/local/errors.ts`, printed to a terminal), the carrier adapter's errors (`CarrierErrorCode` in
 * `lambdas/ports/carrier.ts`, retried or dead-lettered and logged) and the verification reasons of a verification
 * result (`REASONS` in `lambdas/domain/verification/reasons.ts`, a result's checks rather than a problem).
 *
 * @example
 * ERROR_CATALOGUE.USCC_CHECK_CHARACTER; // 'invalid'
 * const code: ErrorCode = 'CERTIFICATE_NOT_FOUND';
 */

/**
 * What went wrong, in domain terms. The HTTP edge maps each kind to one status (in brackets); the domain knows
 * nothing of HTTP.
 *
 * @example
 * const kind: ErrorKind = ERROR_CATALOGUE.ILLEGAL_TRANSITION; // 'conflict'
 */
export type ErrorKind =
  | 'invalid' // (400) the request is malformed or fails validation
  | 'unauthenticated' // (401)
  | 'forbidden' // (403)
  | 'not-found' // (404)
  | 'method-not-allowed' // (405) the route exists but not for this method (local runtime routes only)
  | 'conflict' // (409) state conflict, illegal transition, idempotency mismatch
  | 'too-large' // (413)
  | 'unsupported-media' // (415)
  | 'unprocessable' // (422) well-formed but cannot be acted on (e.g. an uploaded file that fails its check)
  | 'rate-limited' // (429)
  | 'internal' // (500) a defect: never thrown on purpose, answered for anything unexpected
  | 'unavailable'; // (503) a dependency is down (never shown as success)

/**
 * Every error code with its kind, grouped by where it arises. Add a code here (and its meaning below) before using
 * it; remove both when nothing produces it.
 *
 * @example
 * ERROR_CATALOGUE.DOCUMENT_TRAILING_DATA; // 'unprocessable'
 */
export const ERROR_CATALOGUE = {
  // The request pipeline (lambdas/shared/http.ts, router.ts) and request fields in general
  INVALID_REQUEST: 'invalid',
  MALFORMED_JSON: 'invalid',
  BODY_REQUIRED: 'invalid',
  PAYLOAD_TOO_LARGE: 'too-large',
  UNSUPPORTED_MEDIA_TYPE: 'unsupported-media',
  UNAUTHENTICATED: 'unauthenticated',
  FORBIDDEN: 'forbidden',
  ROUTE_NOT_FOUND: 'not-found',
  // The web console (lambdas/shared/console-route.ts, lambdas/handlers/console/)
  SESSION_REQUIRED: 'unauthenticated',
  CSRF_TOKEN_INVALID: 'forbidden',
  SIGN_IN_FAILED: 'unauthenticated',
  PAGE_NOT_FOUND: 'not-found',
  INTERNAL: 'internal',
  INVALID_CURSOR: 'invalid',
  FILTER_COMBINATION: 'invalid',
  IDEMPOTENCY_KEY_INVALID: 'invalid',
  IDEMPOTENCY_KEY_REUSED: 'conflict',
  CONCURRENT_MODIFICATION: 'conflict',
  INVALID_FIELDS: 'invalid',
  TEXT_NOT_PRINTABLE: 'invalid',
  FILE_NAME_INVALID: 'invalid',
  DATE_INVALID: 'invalid',
  INSTANT_INVALID: 'invalid',

  // Who may do what (lambdas/shared/identity.ts, the use cases)
  ENTERPRISE_USCC_MISSING: 'forbidden',
  APPLICATION_FOREIGN_ENTERPRISE: 'forbidden',

  // Certificates: reading, issuing and changing them
  CERTIFICATE_NOT_FOUND: 'not-found',
  VERSION_NOT_FOUND: 'not-found',
  ILLEGAL_TRANSITION: 'conflict',
  CERTIFICATE_EXPIRED: 'conflict',
  CERTIFICATE_SUSPENDED: 'conflict',
  CERTIFICATE_CLOSED: 'conflict',
  CERTIFICATE_NOT_LIVE: 'conflict',
  NO_NEW_PRODUCTS: 'conflict',
  NO_CHANGE: 'conflict',
  RENEWAL_NOT_OPEN: 'conflict',
  PAPER_SERIAL_REUSED: 'conflict',
  PAPER_SERIAL_EXHAUSTED: 'conflict',
  SERIAL_EXHAUSTED: 'conflict',
  EXTRA_WRITE_CONFLICT: 'conflict',
  PAPER_SERIAL_FORMAT: 'invalid',
  CERTIFICATE_TEXT_TOO_LONG: 'invalid',
  CERTIFICATE_SNAPSHOT_INVALID: 'invalid',
  CERTIFICATE_DOCUMENT_INVALID: 'invalid',
  QR_TOO_DENSE: 'unprocessable',

  // The product catalogue, procedures and working days
  UNKNOWN_PRODUCT: 'invalid',
  PRODUCT_NOT_LICENSABLE: 'invalid',
  PROCEDURE_NONE: 'invalid',
  CATALOGUE_INVALID: 'invalid',
  WORKING_SCHEDULE_INVALID: 'invalid',
  WORKING_DAYS_INVALID: 'invalid',

  // Licence numbers and unified social credit codes (USCC)
  LICENCE_NUMBER_FORMAT: 'invalid',
  LICENCE_NUMBER_PROVINCE: 'invalid',
  LICENCE_NUMBER_PROVINCE_MISSING: 'invalid',
  LICENCE_NUMBER_CATEGORY_CODE: 'invalid',
  LICENCE_NUMBER_PRODUCT_CODE: 'invalid',
  LICENCE_NUMBER_SERIAL: 'invalid',
  LICENCE_NUMBER_PRODUCT_MISMATCH: 'invalid',
  USCC_LENGTH: 'invalid',
  USCC_CHARACTER: 'invalid',
  USCC_CHECK_CHARACTER: 'invalid',

  // Applications
  APPLICATION_NOT_FOUND: 'not-found',
  APPLICATION_NOT_EDITABLE: 'conflict',
  APPLICATION_TRANSITION_INVALID: 'conflict',
  APPLICATION_COMMENT_REQUIRED: 'invalid',
  PAPER_COPY_NOT_APPLICABLE: 'invalid',
  STATS_PERIOD_INVALID: 'invalid',

  // Application documents: the upload request, and the check of what was uploaded (domain/application-documents.ts)
  DOCUMENT_NOT_REQUIRED: 'invalid',
  DOCUMENT_DECLARED_TOO_LARGE: 'invalid',
  DOCUMENT_NOT_FOUND: 'not-found',
  DOCUMENT_REQUIRED: 'conflict',
  DOCUMENT_NOT_CHECKED: 'conflict',
  DOCUMENT_DIGEST_MISMATCH: 'conflict',
  DOCUMENT_REJECTED: 'unprocessable',
  DOCUMENT_MISSING: 'unprocessable',
  DOCUMENT_EMPTY: 'unprocessable',
  DOCUMENT_TOO_LARGE: 'unprocessable',
  DOCUMENT_SIZE_MISMATCH: 'unprocessable',
  DOCUMENT_STORED_TYPE_MISMATCH: 'unprocessable',
  DOCUMENT_TYPE_NOT_ALLOWED: 'unprocessable',
  DOCUMENT_TYPE_MISMATCH: 'unprocessable',
  DOCUMENT_MALFORMED: 'unprocessable',
  DOCUMENT_TRAILING_DATA: 'unprocessable',
  DOCUMENT_POLYGLOT: 'unprocessable',
  DOCUMENT_ACTIVE_CONTENT: 'unprocessable',
  DOCUMENT_EMBEDDED_FILE: 'unprocessable',
  DOCUMENT_ENCRYPTED: 'unprocessable',

  // Post-issuance reviews
  INSPECTION_NOT_FOUND: 'not-found',
  INSPECTION_TRANSITION_INVALID: 'conflict',
  INSPECTION_RESULT_INVALID: 'invalid',

  // Supervision spot checks (双随机、一公开): the plan's draw (domain/supervision/)
  SUPERVISION_CANDIDATE_DUPLICATE: 'invalid',
  SUPERVISION_SECRET_MALFORMED: 'invalid',
  SUPERVISION_ENTROPY_MALFORMED: 'unprocessable',
  SUPERVISION_SAMPLE_TOO_LARGE: 'unprocessable',
  SUPERVISION_INSPECTORS_PER_CHECK: 'unprocessable',
  SUPERVISION_INSPECTORS_INSUFFICIENT: 'unprocessable',
  SUPERVISION_PLAN_NOT_FOUND: 'not-found',
  SUPERVISION_PLAN_STATE: 'conflict',
  SUPERVISION_ENTROPY_NOT_YET: 'conflict',
  SUPERVISION_INSPECTOR_NOT_FOUND: 'not-found',
  SUPERVISION_INSPECTOR_EXISTS: 'conflict',

  // Paper copies by post, and the courier's signed callbacks (contracts/carrier-protocol.ts)
  DISPATCH_ID_FORMAT: 'invalid',
  WAYBILL_NOT_RECORDED: 'conflict',
  SIGNATURE_MISSING: 'unauthenticated',
  SIGNATURE_EXPIRED: 'unauthenticated',
  SIGNATURE_INVALID: 'unauthenticated',

  // Signing keys, the QR code and the PDF that carries it
  KEY_NOT_FOUND: 'not-found',
  KEY_EXISTS: 'conflict',
  KEY_IS_CURRENT: 'conflict',
  COMPROMISE_TIME_INVALID: 'invalid',
  KEYSET_INVALID: 'invalid',
  KID_NOT_THUMBPRINT: 'invalid',
  SIGNING_KEY_INVALID: 'invalid',
  QR_BASE_URL_INVALID: 'invalid',
  QR_CLAIMS_INVALID: 'invalid',
  QR_FORMAT: 'invalid',
  QR_BASE32: 'invalid',
  QR_VERSION: 'invalid',
  QR_TRUNCATED: 'invalid',
  QR_TOO_LONG: 'invalid',
  PDF_QR_MISSING: 'invalid',
  PDF_QR_AMBIGUOUS: 'invalid',

  // The signed bulk status list (domain/status-list/): building, signing, verifying and reading it
  STATUS_LIST_ENTRY_INVALID: 'invalid',
  STATUS_LIST_CLAIMS_INVALID: 'invalid',
  STATUS_LIST_MALFORMED: 'invalid',
  STATUS_LIST_INDEX_OUT_OF_RANGE: 'invalid',
  STATUS_LIST_KEY_UNKNOWN: 'unprocessable',
  STATUS_LIST_SIGNATURE_INVALID: 'unprocessable',
  STATUS_LIST_KEY_REFUSED: 'unprocessable',
  STATUS_LIST_EXPIRED: 'unprocessable',
  STATUS_LIST_SUBJECT_MISMATCH: 'unprocessable',
  STATUS_LIST_NOT_PUBLISHED: 'not-found',
  STATUS_LIST_INDEX_NOT_ALLOCATED: 'not-found',

  // The transparency log (domain/transparency/): proofs, tiles, checkpoints and entries
  TLOG_TREE_SIZE_INVALID: 'invalid',
  TLOG_INDEX_OUT_OF_RANGE: 'invalid',
  TLOG_HASH_LENGTH: 'invalid',
  TLOG_INCLUSION_PROOF_INVALID: 'unprocessable',
  TLOG_CONSISTENCY_PROOF_INVALID: 'unprocessable',
  TLOG_TILE_INVALID: 'unprocessable',
  TLOG_TILE_MISSING: 'unprocessable',
  TLOG_BUNDLE_INVALID: 'unprocessable',
  TLOG_ENTRY_MALFORMED: 'invalid',
  TLOG_CHECKPOINT_MALFORMED: 'invalid',
  TLOG_NOTE_MALFORMED: 'invalid',
  TLOG_NOTE_SIGNATURE_INVALID: 'unprocessable',
  TLOG_NOTE_UNVERIFIED: 'unprocessable',
  TLOG_FORK: 'unprocessable',
  TLOG_ROLLBACK: 'unprocessable',
  TLOG_PROOF_MALFORMED: 'invalid',
  TLOG_NOT_INCLUDED: 'unprocessable',
  TLOG_ENTRY_MISMATCH: 'unprocessable',
  LOG_RESOURCE_NOT_FOUND: 'not-found',
  LOG_NOT_STARTED: 'not-found',

  // Webhooks (domain/webhooks/): subscriptions and signatures
  WEBHOOK_SIGNATURE_INVALID: 'invalid',
  WEBHOOK_URL_INVALID: 'invalid',
  WEBHOOK_URL_NOT_PUBLIC: 'invalid',
  WEBHOOK_EVENT_UNKNOWN: 'invalid',
  WEBHOOK_FILTER_TOO_LARGE: 'invalid',
  WEBHOOK_FILTER_INVALID: 'invalid',
  WEBHOOK_OVERLAP_INVALID: 'invalid',
  WEBHOOK_SUBSCRIPTION_NOT_FOUND: 'not-found',
  SECRET_UNREADABLE: 'unprocessable',

  // Licence imports: reading the file (adapters/import/file-reader.ts)
  IMPORT_FILE_TOO_LARGE: 'too-large',
  IMPORT_FILE_UNREADABLE: 'invalid',
  IMPORT_ENCODING_INVALID: 'invalid',
  IMPORT_HEADER_MISSING: 'invalid',
  IMPORT_HEADER_UNKNOWN: 'invalid',
  IMPORT_HEADER_DUPLICATE: 'invalid',
  // Licence imports: the jobs (use-cases/imports)
  IMPORT_NOT_FOUND: 'not-found',
  IMPORT_UPLOAD_MISSING: 'unprocessable',
  LICENCE_ALREADY_REGISTERED: 'conflict',
  ENTERPRISE_HOLDS_LICENCE: 'conflict',

  // A dependency is down
  KEYS_UNAVAILABLE: 'unavailable',
  CURSOR_KEYS_UNAVAILABLE: 'unavailable',
  IDENTITY_PROVIDER_UNAVAILABLE: 'unavailable',
  REGISTER_TIMEOUT: 'unavailable',
  SIGNER_UNAVAILABLE: 'unavailable',
  SIGNER_BAD_SIGNATURE: 'unavailable',
  SIGNER_INPUT_TOO_LONG: 'unavailable',
  SIGNER_KEY_MISMATCH: 'unavailable',
  SIGNER_KEY_UNSUITABLE: 'unavailable',
  SIGNER_KEY_NOT_CURRENT: 'unavailable',
  SECRETS_UNAVAILABLE: 'unavailable',
  TSA_UNAVAILABLE: 'unavailable',

  // The local runtime only (npm start): its gateway, /_local/clock and the local key store
  LOCAL_KEY_STORE: 'unavailable',
  RUNTIME_STARTING: 'unavailable',
  INTEGRATION_TIMEOUT: 'unavailable',
  PATH_ENCODING_INVALID: 'invalid',
  METHOD_NOT_ALLOWED: 'method-not-allowed',
  CLOCK_NOT_SET: 'conflict',
  CLOCK_BACKWARDS: 'conflict',
  CLOCK_ADVANCE_INVALID: 'invalid',
  CLOCK_STATE_INVALID: 'invalid',
} as const satisfies Readonly<Record<string, ErrorKind>>;

/**
 * A catalogued error code.
 *
 * @example
 * const code: ErrorCode = 'USCC_LENGTH';
 */
export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/**
 * The catalogued codes of one kind: an error class takes only these, so its kind and its code's kind never differ.
 *
 * @example
 * const code: ErrorCodeOf<'conflict'> = 'ILLEGAL_TRANSITION';
 */
export type ErrorCodeOf<K extends ErrorKind> = {
  [C in ErrorCode]: (typeof ERROR_CATALOGUE)[C] extends K ? C : never;
}[ErrorCode];

/**
 * What a code means, for the people who read it.
 *
 * @example
 * const meaning: ErrorMeaning = { en: 'No such certificate.', zh: '没有该证书。' };
 */
export interface ErrorMeaning {
  /** One line of English. */
  readonly en: string;
  /** The same in Chinese, for the people who read `docs/errors.md`. */
  readonly zh: string;
  /** Only the local runtime answers it (never the deployed API). */
  readonly local?: true;
}

/**
 * The meaning of every catalogued code (the compiler refuses a missing or an extra one), in catalogue order.
 *
 * @example
 * ERROR_MEANINGS.DOCUMENT_TRAILING_DATA.en; // 'Bytes follow the format’s end marker: something was appended to the file.'
 */
export const ERROR_MEANINGS: { readonly [C in ErrorCode]: ErrorMeaning } = {
  INVALID_REQUEST: {
    en: 'The request does not match the route’s contract (path, query, headers or body); `errors` names each field.',
    zh: '请求不符合接口约定（路径、查询参数、请求头或请求体），errors 列出每个字段。',
  },
  MALFORMED_JSON: { en: 'The request body is not valid JSON.', zh: '请求体不是合法的 JSON。' },
  BODY_REQUIRED: { en: 'The route needs a request body and none was sent.', zh: '该接口需要请求体，但未提供。' },
  PAYLOAD_TOO_LARGE: { en: 'The request body is larger than the route accepts.', zh: '请求体超过该接口允许的大小。' },
  UNSUPPORTED_MEDIA_TYPE: {
    en: 'The body’s Content-Type is not one the route accepts.',
    zh: '请求体的 Content-Type 不被该接口接受。',
  },
  UNAUTHENTICATED: { en: 'A valid bearer token is required.', zh: '需要有效的 Bearer 令牌。' },
  FORBIDDEN: { en: 'The caller’s role may not do this.', zh: '调用者的角色无权执行此操作。' },
  ROUTE_NOT_FOUND: { en: 'No route answers this method and path.', zh: '没有与该方法和路径匹配的接口。' },
  SESSION_REQUIRED: {
    en: 'The console session is missing, has expired or is not valid: sign in again.',
    zh: '控制台会话不存在、已过期或无效，请重新登录。',
  },
  CSRF_TOKEN_INVALID: {
    en: 'The form did not carry this session’s security token (CSRF); reload the page and try again.',
    zh: '表单未携带本次会话的安全令牌（CSRF），请刷新页面后重试。',
  },
  SIGN_IN_FAILED: {
    en: 'Signing in did not complete (an expired or forged sign-in attempt, or the identity provider refused it).',
    zh: '登录未完成（登录请求已过期或被伪造，或身份提供方拒绝了登录）。',
  },
  PAGE_NOT_FOUND: {
    en: 'There is no console page at this address: it may be mistyped, or the page has moved.',
    zh: '控制台没有这个页面：地址可能输错了，或页面已经移动。',
  },
  INTERNAL: {
    en: 'An unexpected error; the correlation id finds it in the logs.',
    zh: '意外错误；可凭关联 ID（correlationId）在日志中查找。',
  },
  INVALID_CURSOR: {
    en: 'The list cursor is not one this API issued for this query and caller.',
    zh: '分页游标不是本接口为此查询和调用者签发的。',
  },
  FILTER_COMBINATION: {
    en: 'These list filters cannot be combined: filter by USCC or by status, not both.',
    zh: '这些筛选条件不能同时使用：按统一社会信用代码或按状态筛选，二者择一。',
  },
  IDEMPOTENCY_KEY_INVALID: {
    en: 'The Idempotency-Key header must be 8–128 characters of [A-Za-z0-9._:-].',
    zh: 'Idempotency-Key 请求头须为 8–128 个 [A-Za-z0-9._:-] 字符。',
  },
  IDEMPOTENCY_KEY_REUSED: {
    en: 'This idempotency key was already used for a different request.',
    zh: '该幂等键已用于另一个不同的请求。',
  },
  CONCURRENT_MODIFICATION: {
    en: 'The record changed since it was read, or concurrently; read it again and retry.',
    zh: '记录在读取后或并发时已被修改，请重新读取后再试。',
  },
  INVALID_FIELDS: {
    en: 'One or more fields are invalid; `errors` names each field.',
    zh: '一个或多个字段无效，errors 列出每个字段。',
  },
  TEXT_NOT_PRINTABLE: {
    en: 'Text contains characters the certificate cannot print (controls, invisible or format characters, characters the font lacks); `errors` names fields and characters.',
    zh: '文本含有证书无法打印的字符（控制字符、不可见或格式字符、字体缺少的字符），errors 列出字段与字符。',
  },
  FILE_NAME_INVALID: {
    en: 'A file name is a path: it contains a slash or a backslash.',
    zh: '文件名不能是路径：不得含有斜杠或反斜杠。',
  },
  DATE_INVALID: {
    en: 'A date is not a calendar date written YYYY-MM-DD.',
    zh: '日期不是以 YYYY-MM-DD 书写的有效日历日期。',
  },
  INSTANT_INVALID: {
    en: 'An instant is not ISO 8601 with its offset, e.g. 2026-02-10T09:00:00+08:00.',
    zh: '时间点不是带时区偏移的 ISO 8601 格式，如 2026-02-10T09:00:00+08:00。',
  },
  ENTERPRISE_USCC_MISSING: {
    en: 'The enterprise user’s token carries no USCC claim (custom:uscc).',
    zh: '企业用户的令牌中没有统一社会信用代码声明（custom:uscc）。',
  },
  APPLICATION_FOREIGN_ENTERPRISE: {
    en: 'An enterprise may apply only under its own USCC and for its own licences.',
    zh: '企业只能以本企业的统一社会信用代码、就本企业的许可证提出申请。',
  },
  CERTIFICATE_NOT_FOUND: {
    en: 'No such certificate (or not one the caller may see).',
    zh: '没有该证书（或调用者无权查看）。',
  },
  VERSION_NOT_FOUND: { en: 'The certificate has no such version.', zh: '证书没有该版本。' },
  ILLEGAL_TRANSITION: {
    en: 'The certificate’s status does not allow this action (e.g. reinstating a revoked licence).',
    zh: '证书当前状态不允许此操作（如恢复已吊销的许可证）。',
  },
  CERTIFICATE_EXPIRED: {
    en: 'The certificate has expired; it cannot be changed this way.',
    zh: '证书已过期，不能执行此变更。',
  },
  CERTIFICATE_SUSPENDED: { en: 'The certificate is suspended; reinstate it first.', zh: '证书已暂停，请先恢复。' },
  CERTIFICATE_CLOSED: {
    en: 'The certificate is revoked or cancelled; nothing more is issued on it.',
    zh: '证书已吊销或注销，不再据此发证。',
  },
  CERTIFICATE_NOT_LIVE: {
    en: 'The licence is not in force, so this application cannot be filed on it.',
    zh: '许可证不在有效状态，不能据此提出该申请。',
  },
  NO_NEW_PRODUCTS: { en: 'The certificate already covers every product given.', zh: '证书已涵盖所列全部产品。' },
  NO_CHANGE: { en: 'The amendment changes nothing.', zh: '变更未改动任何内容。' },
  RENEWAL_NOT_OPEN: {
    en: 'Renewal is not open yet; `opensOn` gives the date.',
    zh: '延续申请尚未开放，开放日期见 opensOn。',
  },
  PAPER_SERIAL_REUSED: { en: 'Every printed copy needs a new paper serial.', zh: '每份纸质证书都需要新的纸质编号。' },
  PAPER_SERIAL_EXHAUSTED: { en: 'The paper serials of the year are used up.', zh: '当年的纸质证书编号已用尽。' },
  SERIAL_EXHAUSTED: {
    en: 'Every serial of this licence-number sequence is used.',
    zh: '该许可证编号序列的流水号已用尽。',
  },
  EXTRA_WRITE_CONFLICT: {
    en: 'An item written together with the certificate already exists.',
    zh: '与证书一同写入的记录已存在。',
  },
  PAPER_SERIAL_FORMAT: {
    en: 'A paper serial is 11 digits: the year and a 7-digit sequence.',
    zh: '纸质编号为 11 位数字：年份加 7 位序号。',
  },
  CERTIFICATE_TEXT_TOO_LONG: {
    en: 'The certificate’s text does not fit the page even at the smallest size; `errors` names the fields.',
    zh: '证书文字即使以最小字号也排不下，errors 列出相关字段。',
  },
  CERTIFICATE_SNAPSHOT_INVALID: {
    en: 'A certificate record, stored or about to be built, breaks the certificate’s rules.',
    zh: '证书记录（已存储或待生成）不符合证书规则。',
  },
  CERTIFICATE_DOCUMENT_INVALID: {
    en: 'The certificate document to draw is incomplete.',
    zh: '待绘制的证书文档不完整。',
  },
  QR_TOO_DENSE: {
    en: 'The QR code would be too dense to scan at its printed size.',
    zh: '二维码在印刷尺寸下过密，无法可靠扫描。',
  },
  UNKNOWN_PRODUCT: { en: 'The product is not in the catalogue.', zh: '产品不在目录中。' },
  PRODUCT_NOT_LICENSABLE: {
    en: 'The product is not under licence on that date.',
    zh: '该产品在该日期不属于许可管理范围。',
  },
  PROCEDURE_NONE: { en: 'No products were given, so no procedure applies.', zh: '未提供产品，无法确定审批程序。' },
  CATALOGUE_INVALID: {
    en: 'The product catalogue data is invalid (a deployment defect).',
    zh: '产品目录数据无效（部署缺陷）。',
  },
  WORKING_SCHEDULE_INVALID: {
    en: 'A year’s working-day schedule (public holidays and adjusted working days) is invalid.',
    zh: '某年的工作日安排（法定节假日与调休）无效。',
  },
  WORKING_DAYS_INVALID: {
    en: 'A number of working days must be a whole number from 0 to 3660.',
    zh: '工作日数须为 0 到 3660 的整数。',
  },
  LICENCE_NUMBER_FORMAT: {
    en: 'Not a licence number: it looks like (鄂)XK13-001-00001 or 42-XK13-001-00001.',
    zh: '不是许可证编号，应形如 (鄂)XK13-001-00001 或 42-XK13-001-00001。',
  },
  LICENCE_NUMBER_PROVINCE: {
    en: 'The licence number’s province abbreviation or code is unknown.',
    zh: '许可证编号中的省份简称或代码未知。',
  },
  LICENCE_NUMBER_PROVINCE_MISSING: {
    en: 'The licence number has no province: nationally issued numbers are not issued here.',
    zh: '许可证编号缺少省份：本系统不签发国家级编号。',
  },
  LICENCE_NUMBER_CATEGORY_CODE: {
    en: 'The category code after XK must be two digits, not 00.',
    zh: 'XK 后的类别代码须为两位数字且不为 00。',
  },
  LICENCE_NUMBER_PRODUCT_CODE: {
    en: 'The product code must be three digits, not 000.',
    zh: '产品代码须为三位数字且不为 000。',
  },
  LICENCE_NUMBER_SERIAL: {
    en: 'The serial must be five digits from 00001 to 99999.',
    zh: '流水号须为 00001 至 99999 的五位数字。',
  },
  LICENCE_NUMBER_PRODUCT_MISMATCH: {
    en: 'The licence number’s codes differ from those of the first product.',
    zh: '许可证编号中的代码与第一个产品不一致。',
  },
  USCC_LENGTH: { en: 'A unified social credit code has 18 characters.', zh: '统一社会信用代码应为 18 位。' },
  USCC_CHARACTER: {
    en: 'The USCC has a character not allowed at its position.',
    zh: '统一社会信用代码在该位置含有不允许的字符。',
  },
  USCC_CHECK_CHARACTER: {
    en: 'The USCC’s check character does not match (GB 32100-2015).',
    zh: '统一社会信用代码校验码不符（GB 32100-2015）。',
  },
  APPLICATION_NOT_FOUND: { en: 'No such application (or another enterprise’s).', zh: '没有该申请（或属于其他企业）。' },
  APPLICATION_NOT_EDITABLE: {
    en: 'The application can no longer be changed: only a draft or one sent back for corrections can.',
    zh: '申请已不可修改：仅草稿或退回补正的申请可修改。',
  },
  APPLICATION_TRANSITION_INVALID: {
    en: 'The application’s state does not allow this step.',
    zh: '申请当前状态不允许此步骤。',
  },
  APPLICATION_COMMENT_REQUIRED: {
    en: 'This decision needs a comment for the enterprise.',
    zh: '此决定需要填写给企业的意见。',
  },
  PAPER_COPY_NOT_APPLICABLE: {
    en: 'A cancellation issues no certificate to mail.',
    zh: '注销不签发证书，无纸质证书可寄。',
  },
  STATS_PERIOD_INVALID: {
    en: 'A statistics period must end on or after its start and span at most 53 ISO weeks.',
    zh: '统计期间的结束日期不得早于开始日期，且最长为 53 个 ISO 周。',
  },
  DOCUMENT_NOT_REQUIRED: {
    en: 'This kind of application takes no document of that type.',
    zh: '该类申请不需要此类材料。',
  },
  DOCUMENT_DECLARED_TOO_LARGE: {
    en: 'The size declared for an upload exceeds the limit (5 MiB).',
    zh: '申请上传时声明的文件大小超过上限（5 MiB）。',
  },
  DOCUMENT_NOT_FOUND: { en: 'No such document on this application.', zh: '该申请下没有此材料。' },
  DOCUMENT_REQUIRED: {
    en: 'A required document has not been uploaded, or has not passed its check.',
    zh: '必需材料尚未上传，或未通过检查。',
  },
  DOCUMENT_NOT_CHECKED: {
    en: 'Nothing has been uploaded and checked for this document yet.',
    zh: '该材料尚未上传并完成检查。',
  },
  DOCUMENT_DIGEST_MISMATCH: {
    en: 'The kept copy of a document is missing or no longer matches its recorded SHA-256.',
    zh: '材料的留存副本缺失，或与记录的 SHA-256 不符。',
  },
  DOCUMENT_REJECTED: { en: 'The document failed its check; upload it again.', zh: '材料未通过检查，请重新上传。' },
  DOCUMENT_MISSING: { en: 'No file has been uploaded.', zh: '尚未上传文件。' },
  DOCUMENT_EMPTY: { en: 'The uploaded file is empty.', zh: '上传的文件为空。' },
  DOCUMENT_TOO_LARGE: {
    en: 'The uploaded file is larger than the limit (5 MiB).',
    zh: '上传的文件超过大小上限（5 MiB）。',
  },
  DOCUMENT_SIZE_MISMATCH: {
    en: 'The uploaded file’s size differs from the declared size.',
    zh: '上传文件的大小与声明不符。',
  },
  DOCUMENT_STORED_TYPE_MISMATCH: {
    en: 'The file was uploaded with another Content-Type than declared.',
    zh: '文件上传时的 Content-Type 与声明不符。',
  },
  DOCUMENT_TYPE_NOT_ALLOWED: {
    en: 'By its content, the file is not a PDF, JPEG or PNG.',
    zh: '按内容判断，文件不是 PDF、JPEG 或 PNG。',
  },
  DOCUMENT_TYPE_MISMATCH: {
    en: 'The file’s content is of another type than declared.',
    zh: '文件内容的类型与声明不符。',
  },
  DOCUMENT_MALFORMED: {
    en: 'The file does not parse as the format its first bytes claim.',
    zh: '文件无法按其文件头所示的格式解析。',
  },
  DOCUMENT_TRAILING_DATA: {
    en: 'Bytes follow the format’s end marker: something was appended to the file.',
    zh: '文件结束标记之后还有数据：文件被追加了内容。',
  },
  DOCUMENT_POLYGLOT: { en: 'The file is also a ZIP archive.', zh: '文件同时也是一个 ZIP 压缩包。' },
  DOCUMENT_ACTIVE_CONTENT: {
    en: 'A PDF with JavaScript, launch or form-submission actions, XFA forms or rich media.',
    zh: 'PDF 含有 JavaScript、启动或表单提交动作、XFA 表单或富媒体。',
  },
  DOCUMENT_EMBEDDED_FILE: { en: 'A PDF that carries embedded files (attachments).', zh: 'PDF 内嵌了文件（附件）。' },
  DOCUMENT_ENCRYPTED: { en: 'An encrypted PDF, which cannot be inspected.', zh: 'PDF 已加密，无法检查。' },
  INSPECTION_NOT_FOUND: {
    en: 'No such inspection (post-issuance review or spot check).',
    zh: '没有该核查（证后审查或抽查）。',
  },
  INSPECTION_TRANSITION_INVALID: {
    en: 'The inspection’s state does not allow this, e.g. a result on a closed review, or publishing a spot check result that is not pending.',
    zh: '核查当前状态不允许此操作，如已结束的核查再录结果，或公开并非待公开的抽查结果。',
  },
  INSPECTION_RESULT_INVALID: {
    en: 'The inspection result is invalid, e.g. a rectification deadline not after today, a spot check without the day of the check, or a review failure that suspends.',
    zh: '核查结果无效，如整改期限不晚于今天、抽查结果未写检查日期，或证后审查不合格却选择暂停。',
  },
  SUPERVISION_CANDIDATE_DUPLICATE: {
    en: 'A spot-check candidate list names the same enterprise (USCC) or inspector (code) twice.',
    zh: '抽查候选名录中同一企业（统一社会信用代码）或同一检查人员（代码）出现了两次。',
  },
  SUPERVISION_SECRET_MALFORMED: {
    en: 'The draw secret is not 32 bytes written as 64 hex digits.',
    zh: '摇号密钥不是以 64 位十六进制数字书写的 32 字节。',
  },
  SUPERVISION_ENTROPY_MALFORMED: {
    en: 'The public entropy value is not in the plan’s declared format (decimal or hex digits, 8–128 characters).',
    zh: '公开随机源数值不符合计划声明的格式（十进制或十六进制数字，8–128 个字符）。',
  },
  SUPERVISION_SAMPLE_TOO_LARGE: {
    en: 'The plan’s sample is larger than its candidate enterprises.',
    zh: '抽查计划的抽取数量超过了候选企业数量。',
  },
  SUPERVISION_INSPECTORS_PER_CHECK: {
    en: 'Each check needs at least two inspectors.',
    zh: '每次检查至少需要两名执法检查人员。',
  },
  SUPERVISION_INSPECTORS_INSUFFICIENT: {
    en: 'The inspectors eligible under the plan’s conflict rules cannot cover its checks.',
    zh: '符合回避规则的执法检查人员不足以完成计划的检查。',
  },
  SUPERVISION_PLAN_NOT_FOUND: { en: 'No such spot-check plan.', zh: '没有该抽查计划。' },
  SUPERVISION_PLAN_STATE: {
    en: 'The plan is not in a state that allows this: a plan is frozen once and drawn once, after freezing.',
    zh: '抽查计划当前状态不允许此操作：计划只能冻结一次、冻结后只能摇号一次。',
  },
  SUPERVISION_ENTROPY_NOT_YET: {
    en: 'The plan’s public entropy is not published yet: draw on or after the date named at freezing.',
    zh: '计划指定的公开随机源尚未公布：请在冻结时声明的日期当天或之后摇号。',
  },
  SUPERVISION_INSPECTOR_NOT_FOUND: { en: 'No such inspector in the registry.', zh: '执法检查人员名录库中没有该人员。' },
  SUPERVISION_INSPECTOR_EXISTS: {
    en: 'An inspector with this identifier is already registered.',
    zh: '该编号的执法检查人员已登记。',
  },
  DISPATCH_ID_FORMAT: {
    en: 'A dispatch id is DSP- and an 11-digit paper serial.',
    zh: '寄送编号为 DSP- 加 11 位纸质编号。',
  },
  WAYBILL_NOT_RECORDED: {
    en: 'The order has no waybill recorded yet; retry later.',
    zh: '该订单尚未记录运单号，请稍后重试。',
  },
  SIGNATURE_MISSING: {
    en: 'The courier’s timestamp and signature headers are required.',
    zh: '需要快递方的时间戳与签名请求头。',
  },
  SIGNATURE_EXPIRED: {
    en: 'The signature’s timestamp is outside the 5-minute window.',
    zh: '签名时间戳超出 5 分钟有效窗口。',
  },
  SIGNATURE_INVALID: { en: 'The request signature does not match.', zh: '请求签名不匹配。' },
  KEY_NOT_FOUND: { en: 'No such signing key.', zh: '没有该签名密钥。' },
  KEY_EXISTS: { en: 'A key with this id already exists.', zh: '该 ID 的密钥已存在。' },
  KEY_IS_CURRENT: {
    en: 'The key is current: rotate before marking it compromised.',
    zh: '该密钥为当前密钥：请先轮换，再标记为已泄露。',
  },
  COMPROMISE_TIME_INVALID: {
    en: 'The compromise time is not a date, or lies in the future.',
    zh: '泄露时间不是有效日期，或晚于当前时间。',
  },
  KEYSET_INVALID: { en: 'A key set (JWKS) is invalid.', zh: '密钥集（JWKS）无效。' },
  KID_NOT_THUMBPRINT: { en: 'A key id is not a SHA-256 JWK thumbprint.', zh: '密钥 ID 不是 SHA-256 JWK 指纹。' },
  SIGNING_KEY_INVALID: { en: 'The signing key is not a private P-256 key.', zh: '签名密钥不是 P-256 私钥。' },
  QR_BASE_URL_INVALID: {
    en: 'The QR base URL is not an http(s) URL in printable ASCII.',
    zh: '二维码基础 URL 不是由可打印 ASCII 字符组成的 http(s) 地址。',
  },
  QR_CLAIMS_INVALID: {
    en: 'The certificate’s claims cannot be signed into a QR code: a field is out of range.',
    zh: '证书声明无法签入二维码：某字段超出范围。',
  },
  QR_FORMAT: {
    en: 'The QR content is not in the format of the authority’s certificate QR codes.',
    zh: '二维码内容不是发证机关证书二维码的格式。',
  },
  QR_BASE32: {
    en: 'The QR payload has characters outside its Base32 alphabet.',
    zh: '二维码内容含有 Base32 字母表以外的字符。',
  },
  QR_VERSION: { en: 'The QR format version is unknown.', zh: '二维码格式版本未知。' },
  QR_TRUNCATED: { en: 'The QR payload is incomplete.', zh: '二维码内容不完整。' },
  QR_TOO_LONG: { en: 'The QR content is too long.', zh: '二维码内容过长。' },
  PDF_QR_MISSING: { en: 'The PDF carries no certificate QR metadata.', zh: 'PDF 中没有证书二维码元数据。' },
  PDF_QR_AMBIGUOUS: {
    en: 'The PDF carries conflicting certificate QR metadata.',
    zh: 'PDF 中的证书二维码元数据相互矛盾。',
  },
  STATUS_LIST_ENTRY_INVALID: {
    en: 'A status list entry is out of range: an index outside the list, a status that does not fit, or a bad size.',
    zh: '状态列表条目超出范围：序号不在列表内、状态值超出位宽或列表大小不合法。',
  },
  STATUS_LIST_CLAIMS_INVALID: {
    en: 'The status list cannot be signed: a claim is out of range or the list is not a 2-bit list of the full size.',
    zh: '状态列表无法签名：某声明超出范围，或列表不是完整大小的 2 位列表。',
  },
  STATUS_LIST_MALFORMED: {
    en: 'The status list token is not in the Token Status List format Permit publishes.',
    zh: '状态列表令牌不符合本系统发布的令牌状态列表格式。',
  },
  STATUS_LIST_INDEX_OUT_OF_RANGE: {
    en: 'The status list index is not an integer inside the list.',
    zh: '状态列表序号不是列表范围内的整数。',
  },
  STATUS_LIST_KEY_UNKNOWN: {
    en: 'The status list is signed with a key that is not in the key set.',
    zh: '状态列表的签名密钥不在密钥集中。',
  },
  STATUS_LIST_SIGNATURE_INVALID: {
    en: 'The status list signature does not verify: the list was altered or not signed by its key.',
    zh: '状态列表签名验证失败：列表被篡改或并非由该密钥签名。',
  },
  STATUS_LIST_KEY_REFUSED: {
    en: 'The status list was signed outside its key’s signing period or after the key was compromised.',
    zh: '状态列表的签名时间不在密钥的签名期内，或在密钥泄露之后。',
  },
  STATUS_LIST_EXPIRED: { en: 'The status list has expired.', zh: '状态列表已过期。' },
  STATUS_LIST_SUBJECT_MISMATCH: {
    en: 'The status list is not the one it was fetched as (its sub is another URL).',
    zh: '状态列表与获取地址不符（其 sub 为另一地址）。',
  },
  STATUS_LIST_NOT_PUBLISHED: {
    en: 'No status list has been published yet (a new deployment publishes its first within minutes).',
    zh: '尚未发布状态列表（新部署会在几分钟内发布第一份）。',
  },
  STATUS_LIST_INDEX_NOT_ALLOCATED: {
    en: 'No licence holds this status list index.',
    zh: '没有许可证使用该状态列表序号。',
  },
  TLOG_TREE_SIZE_INVALID: {
    en: 'A transparency log tree size is not a non-negative integer, or an old size exceeds the new one.',
    zh: '透明日志的树大小不是非负整数，或旧树大小超过新树大小。',
  },
  TLOG_INDEX_OUT_OF_RANGE: {
    en: 'A transparency log entry index is not below the tree size.',
    zh: '透明日志条目序号不小于树大小。',
  },
  TLOG_HASH_LENGTH: {
    en: 'A transparency log hash (leaf, root or proof node) is not 32 bytes of SHA-256.',
    zh: '透明日志哈希值（叶、根或证明节点）不是 32 字节的 SHA-256。',
  },
  TLOG_INCLUSION_PROOF_INVALID: {
    en: 'The inclusion proof does not place the entry in the log tree with this root.',
    zh: '包含证明无法证明该条目位于具有此根哈希的日志树中。',
  },
  TLOG_CONSISTENCY_PROOF_INVALID: {
    en: 'The consistency proof does not show the older log tree is a prefix of the newer one (a fork or a rewrite).',
    zh: '一致性证明无法证明旧日志树是新日志树的前缀（日志分叉或被改写）。',
  },
  TLOG_TILE_INVALID: {
    en: 'A transparency log tile is not the hashes the other tiles and the checkpoint imply (wrong length or tampered).',
    zh: '透明日志分片与其他分片及检查点推出的哈希不符（长度错误或被篡改）。',
  },
  TLOG_TILE_MISSING: {
    en: 'A transparency log tile or entry bundle that the tree size requires is missing.',
    zh: '缺少树大小所要求的透明日志分片或条目包。',
  },
  TLOG_BUNDLE_INVALID: {
    en: 'A transparency log entry bundle is truncated or its entries do not hash to its tile.',
    zh: '透明日志条目包被截断，或其条目的哈希与对应分片不符。',
  },
  TLOG_ENTRY_MALFORMED: {
    en: 'A transparency log entry is not in the entry encoding (unknown version or type, bad field, trailing bytes).',
    zh: '透明日志条目不符合条目编码（未知版本或类型、字段错误或有多余字节）。',
  },
  TLOG_CHECKPOINT_MALFORMED: {
    en: 'A transparency log checkpoint is not origin, decimal tree size and base64 root hash lines, or names another log.',
    zh: '透明日志检查点不是“来源、十进制树大小、base64 根哈希”各行的格式，或属于另一个日志。',
  },
  TLOG_NOTE_MALFORMED: {
    en: 'A signed note is malformed (text, blank line, then “— name signature” lines).',
    zh: '签名笔记格式错误（应为正文、空行，然后是“— 名称 签名”各行）。',
  },
  TLOG_NOTE_SIGNATURE_INVALID: {
    en: 'A signature on the note by a trusted key does not verify.',
    zh: '笔记上受信任密钥的签名验证失败。',
  },
  TLOG_NOTE_UNVERIFIED: {
    en: 'The note carries no signature by a trusted key.',
    zh: '笔记没有受信任密钥的签名。',
  },
  TLOG_FORK: {
    en: 'Two checkpoints the log signed have the same tree size and different roots (a fork).',
    zh: '日志签署的两个检查点树大小相同而根哈希不同（日志分叉）。',
  },
  TLOG_ROLLBACK: {
    en: 'The log now shows a smaller tree than a checkpoint it signed before (a rollback).',
    zh: '日志当前的树小于其此前签署的检查点（日志回滚）。',
  },
  TLOG_PROOF_MALFORMED: {
    en: 'A saved inclusion proof is not the `log` of a verification answer (index, treeSize, entry, proof, checkpoint).',
    zh: '保存的包含证明不是核验结果中的 `log` 对象（index、treeSize、entry、proof、checkpoint）。',
  },
  TLOG_NOT_INCLUDED: {
    en: 'The saved answer carries no inclusion proof: the version was pending, missing or the log unavailable.',
    zh: '保存的核验结果不含包含证明：该版本当时待记入、缺失，或日志暂不可用。',
  },
  TLOG_ENTRY_MISMATCH: {
    en: 'The log entry does not record the issuance of this licence, version and signed QR record.',
    zh: '日志条目记录的不是该许可证、该版本及该签名二维码记录的签发。',
  },
  LOG_RESOURCE_NOT_FOUND: {
    en: 'The transparency log has no such resource: not a tile, entry bundle or checkpoint path, or beyond the tree.',
    zh: '透明日志没有该资源：不是分片、条目包或检查点路径，或超出日志树范围。',
  },
  LOG_NOT_STARTED: {
    en: 'The transparency log has published no checkpoint yet, so its key is not published either.',
    zh: '透明日志尚未发布检查点，其公钥也尚未公布。',
  },
  WEBHOOK_SIGNATURE_INVALID: {
    en: 'The webhook delivery does not verify: a header is missing, its timestamp is out of tolerance, or no signature matches.',
    zh: '回调推送验证失败：缺少请求头、时间戳超出允许范围，或没有与密钥匹配的签名。',
  },
  WEBHOOK_URL_INVALID: {
    en: 'The webhook URL is not usable: it must be https (no user name, password or fragment), at most 2,048 characters.',
    zh: '回调地址不可用：须为 https 地址（不含用户名、密码或片段），不超过 2048 个字符。',
  },
  WEBHOOK_URL_NOT_PUBLIC: {
    en: 'The webhook URL points to an address that is not public (private, loopback, link-local or metadata).',
    zh: '回调地址指向非公网地址（内网、回环、链路本地或元数据地址）。',
  },
  WEBHOOK_EVENT_UNKNOWN: {
    en: 'No event type, or one that is not licence.issued, licence.version_added or licence.status_changed.',
    zh: '未指定事件类型，或事件类型不是 licence.issued、licence.version_added、licence.status_changed 之一。',
  },
  WEBHOOK_FILTER_TOO_LARGE: {
    en: 'The subscription filter holds more than 1,000 licence numbers, USCCs and categories in all.',
    zh: '订阅过滤条件中的许可证编号、统一社会信用代码和产品类别合计超过 1000 项。',
  },
  WEBHOOK_FILTER_INVALID: {
    en: 'A filter entry is not a licence number, a USCC with its check character, or a two-digit product category.',
    zh: '过滤条件中有一项不是许可证编号、校验正确的统一社会信用代码或两位产品类别代码。',
  },
  WEBHOOK_OVERLAP_INVALID: {
    en: 'The overlap of a rotated webhook secret is a whole number of hours from 0 to 72.',
    zh: '轮换回调密钥的新旧并用期须为 0 至 72 之间的整数小时。',
  },
  WEBHOOK_SUBSCRIPTION_NOT_FOUND: { en: 'No such webhook subscription.', zh: '没有该回调订阅。' },
  SECRET_UNREADABLE: {
    en: 'A stored webhook secret cannot be opened: it was altered, sealed for another subscription, or with another key.',
    zh: '无法解封已存储的回调密钥：密文被改动、属于另一订阅，或由另一密钥加密。',
  },
  IMPORT_FILE_TOO_LARGE: { en: 'The import file is larger than 50 MiB.', zh: '导入文件超过 50 MiB。' },
  IMPORT_FILE_UNREADABLE: {
    en: 'The import file is not a readable CSV or XLSX file of the declared format, has no worksheet, or is empty.',
    zh: '导入文件不是可读取的所声明格式的 CSV 或 XLSX 文件，没有工作表，或为空。',
  },
  IMPORT_ENCODING_INVALID: {
    en: 'The CSV file is neither valid UTF-8 nor valid GB18030.',
    zh: 'CSV 文件既不是有效的 UTF-8，也不是有效的 GB18030 编码。',
  },
  IMPORT_HEADER_MISSING: {
    en: 'The import file’s header row lacks required columns; the message names them.',
    zh: '导入文件的表头缺少必填列，错误信息列出所缺的列。',
  },
  IMPORT_HEADER_UNKNOWN: {
    en: 'A header of the import file maps to no column; pass a header mapping for it.',
    zh: '导入文件的某个表头无法对应任何列，请为其提供表头映射。',
  },
  IMPORT_HEADER_DUPLICATE: {
    en: 'Two headers of the import file map to the same column.',
    zh: '导入文件中有两个表头对应同一列。',
  },
  IMPORT_NOT_FOUND: { en: 'There is no import with this id.', zh: '没有该编号的导入任务。' },
  IMPORT_UPLOAD_MISSING: {
    en: 'No file was uploaded for this upload id (or it has expired); request an upload and send the file first.',
    zh: '该上传编号下没有已上传的文件（或已过期），请先申请上传并上传文件。',
  },
  LICENCE_ALREADY_REGISTERED: {
    en: 'A licence with this number is already in the register.',
    zh: '该证书编号已在本系统登记。',
  },
  ENTERPRISE_HOLDS_LICENCE: {
    en: 'The enterprise already holds a live licence (one enterprise, one certificate).',
    zh: '该企业已持有有效证书（一企一证）。',
  },
  KEYS_UNAVAILABLE: { en: 'The published key set could not be read.', zh: '无法读取公布的密钥集。' },
  CURSOR_KEYS_UNAVAILABLE: {
    en: 'The keys that seal list cursors could not be read.',
    zh: '无法读取用于封装分页游标的密钥。',
  },
  IDENTITY_PROVIDER_UNAVAILABLE: {
    en: 'The identity provider (sign-in) did not answer; try again shortly.',
    zh: '身份提供方（登录服务）未响应，请稍后重试。',
  },

  REGISTER_TIMEOUT: { en: 'The certificate register did not answer in time.', zh: '证书登记库未及时响应。' },
  SIGNER_UNAVAILABLE: { en: 'The signing service (KMS) could not be called.', zh: '无法调用签名服务（KMS）。' },
  SIGNER_BAD_SIGNATURE: {
    en: 'The signer returned no signature, or a malformed one.',
    zh: '签名服务未返回签名，或返回的签名格式错误。',
  },
  SIGNER_INPUT_TOO_LONG: {
    en: 'The data to sign is longer than KMS signs (4096 bytes).',
    zh: '待签名数据超过 KMS 的上限（4096 字节）。',
  },
  SIGNER_KEY_MISMATCH: {
    en: 'The KMS key no longer matches the key id in use.',
    zh: 'KMS 密钥与正在使用的密钥 ID 不再匹配。',
  },
  SIGNER_KEY_UNSUITABLE: {
    en: 'The KMS key is not an ECC_NIST_P256 key that signs with ECDSA_SHA_256.',
    zh: 'KMS 密钥不是以 ECDSA_SHA_256 签名的 ECC_NIST_P256 密钥。',
  },
  SIGNER_KEY_NOT_CURRENT: {
    en: 'The configured signing key is no longer current in the key ring; configure a new KMS key.',
    zh: '配置的签名密钥在密钥环中已不是当前密钥，请配置新的 KMS 密钥。',
  },
  SECRETS_UNAVAILABLE: {
    en: 'The key that seals webhook secrets (KMS, or the local key file) could not be used; try again shortly.',
    zh: '无法使用封装回调密钥的密钥（KMS 或本地密钥文件），请稍后重试。',
  },
  TSA_UNAVAILABLE: {
    en: 'The time-stamping authority (RFC 3161) did not answer, refused, or answered for other data.',
    zh: '时间戳服务（RFC 3161）未响应、拒绝请求，或返回的时间戳不对应所请求的数据。',
  },
  LOCAL_KEY_STORE: {
    en: 'The local signing-key store cannot be read or written.',
    zh: '无法读写本地签名密钥存储。',
    local: true,
  },
  RUNTIME_STARTING: { en: 'The local runtime is still starting.', zh: '本地运行环境仍在启动。', local: true },
  INTEGRATION_TIMEOUT: {
    en: 'The function did not answer within the gateway’s 30 s.',
    zh: '函数未在网关的 30 秒内响应。',
    local: true,
  },
  PATH_ENCODING_INVALID: {
    en: 'The path has a malformed percent-escape.',
    zh: '路径含有格式错误的百分号转义。',
    local: true,
  },
  METHOD_NOT_ALLOWED: {
    en: 'The local route does not answer this method.',
    zh: '该本地接口不支持此方法。',
    local: true,
  },
  CLOCK_NOT_SET: {
    en: 'The runtime runs on real time; start it with PERMIT_CLOCK to move its clock.',
    zh: '运行环境使用真实时间；须以 PERMIT_CLOCK 启动才能拨动时钟。',
    local: true,
  },
  CLOCK_BACKWARDS: { en: 'The local clock never moves backwards.', zh: '本地时钟不能倒退。', local: true },
  CLOCK_ADVANCE_INVALID: {
    en: 'Not a move of the local clock: send an ISO 8601 duration or a later instant.',
    zh: '不是有效的本地时钟拨动：请提供 ISO 8601 时长或更晚的时间点。',
    local: true,
  },
  CLOCK_STATE_INVALID: {
    en: 'The local clock’s state file is unreadable.',
    zh: '本地时钟状态文件无法读取。',
    local: true,
  },
};

/**
 * Every catalogued code, in catalogue order.
 *
 * @example
 * ERROR_CODES.includes('INTERNAL'); // true
 */
export const ERROR_CODES = Object.freeze(Object.keys(ERROR_CATALOGUE)) as readonly ErrorCode[];

/**
 * Whether a value is a catalogued code — for codes that arrive untyped (a zod refinement's params).
 *
 * @example
 * isErrorCode('USCC_LENGTH'); // true
 * isErrorCode('NOPE'); // false
 */
export const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === 'string' && Object.hasOwn(ERROR_CATALOGUE, value);

/**
 * The kind of a code.
 *
 * @example
 * kindOfCode('CERTIFICATE_NOT_FOUND'); // 'not-found'
 */
export const kindOfCode = (code: ErrorCode): ErrorKind => ERROR_CATALOGUE[code];
