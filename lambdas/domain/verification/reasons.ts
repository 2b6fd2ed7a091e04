/**
 * The catalogue of check reasons. Every reason code belongs to exactly one check and one outcome, so a use case picks
 * a code and gets a complete, bilingual {@link Check} — it never writes a reason text or chooses an outcome itself,
 * and the same situation always reads the same way on the page, in JSON and in the CLI.
 *
 * The format and signature codes are the ones `lambdas/domain/signing/qr-verify.ts` returns, so its result maps
 * onto a check with no translation table.
 *
 * Texts with parameters take only values from the register, the signed claims (dates, version numbers) or a PDF
 * signature that chains to the authority's trust anchor (its signer and timestamp); the page escapes them all the same.
 */
import type { PadesLevel } from '../pdf-signature/finding';
import type { Bilingual, Check, CheckName, CheckOutcome } from './model';

interface Texts {
  readonly reason: Bilingual;
  readonly warning?: Bilingual;
}

interface ReasonEntry<N extends CheckName, O extends CheckOutcome, P> {
  readonly check: N;
  readonly outcome: O;
  readonly text: (params: P) => Texts;
}

const entry = <const N extends CheckName, const O extends CheckOutcome, P = void>(
  check: N,
  outcome: O,
  text: (params: P) => Texts,
): ReasonEntry<N, O, P> => ({ check, outcome, text });

const say = (zh: string, en: string) => (): Texts => ({ reason: { zh, en } });

const NOT_AFTER_FAILURE = (what: string, whatEn: string) =>
  say(
    `前面的核验项目未通过，未核对${what}。`,
    `Not checked: an earlier check did not pass, so the ${whatEn} was not checked.`,
  );

/** What a valid PDF signature says about itself (see `PdfSignatureFinding`). */
export interface PdfSignatureFacts {
  /** The signing certificate's subject name, e.g. 湖北省市场监督管理局. */
  readonly signer: string;
  readonly level: PadesLevel;
  /** The RFC 3161 time (ISO), for B-T. */
  readonly timestampedAt?: string;
  /** The timestamp is a document timestamp added after issuance (B-B upgraded to B-T). */
  readonly documentTimestamp?: boolean;
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** `2026-12-06 13:00:00` for `2026-12-06T05:00:00Z`: the wall-clock time in Asia/Shanghai (no daylight saving). */
function beijingTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

function pdfSignatureValid(p: PdfSignatureFacts): Texts {
  const intro = {
    zh: `PDF 文件签名有效：由“${p.signer}”签署（PAdES ${p.level}），签署后文件未被改动`,
    en: `The PDF's own signature is valid: signed by ${p.signer} (PAdES ${p.level}), and the file is unchanged since`,
  };
  if (!p.timestampedAt) return { reason: { zh: `${intro.zh}。`, en: `${intro.en}.` } };
  const at = beijingTime(p.timestampedAt);
  if (p.documentTimestamp) {
    return {
      reason: {
        zh: `${intro.zh}；签发后追加了文档时间戳（北京时间 ${at}），这是补加的时间戳，不是对证书的改动。`,
        en: `${intro.en}; a document timestamp was added later (${at} Beijing time), which is not a change to the certificate.`,
      },
    };
  }
  return {
    reason: {
      zh: `${intro.zh}；签名时间戳为北京时间 ${at}。`,
      en: `${intro.en}; the signature is timestamped ${at} Beijing time.`,
    },
  };
}

interface Since {
  /** Date the status took effect, `YYYY-MM-DD`. */
  readonly since: string;
}

/**
 * Every reason, keyed by its stable code.
 *
 * @example
 * REASONS.KEY_COMPROMISED.check; // 'signature'
 */
export const REASONS = {
  // format — does the payload decode?
  FORMAT_OK: entry('format', 'pass', say('二维码内容完整，格式正确。', 'The QR content is complete and well formed.')),
  LICENCE_NO_OK: entry('format', 'pass', say('许可证编号格式正确。', 'The licence number is well formed.')),
  QR_FORMAT: entry(
    'format',
    'fail',
    say(
      '二维码内容不是发证机关证书二维码的格式。',
      "The QR content is not in the format of the authority's certificate QR codes.",
    ),
  ),
  QR_BASE32: entry(
    'format',
    'fail',
    say('二维码内容含有不允许的字符。', 'The QR content contains characters that are not allowed.'),
  ),
  QR_VERSION: entry('format', 'fail', say('二维码格式版本未知。', 'The QR format version is unknown.')),
  QR_TRUNCATED: entry('format', 'fail', say('二维码内容不完整。', 'The QR content is incomplete.')),
  QR_TOO_LONG: entry('format', 'fail', say('二维码内容过长。', 'The QR content is too long.')),
  LICENCE_NO_INVALID: entry('format', 'fail', say('许可证编号格式不正确。', 'This is not a valid licence number.')),
  PATH_MALFORMED: entry(
    'format',
    'fail',
    say('链接地址格式不正确，无法从中识别证书。', 'The link is malformed; no certificate can be identified from it.'),
  ),

  // signature — known key, valid signature, key not compromised when it signed
  SIGNATURE_OK: entry(
    'signature',
    'pass',
    say(
      '数字签名有效：由发证机关公布的密钥签发，内容未被改动。',
      'The digital signature is valid: it was made with a key the authority publishes, and the content is unaltered.',
    ),
  ),
  KEY_UNKNOWN: entry(
    'signature',
    'fail',
    say('签名密钥不是发证机关公布的密钥。', 'The signing key is not one the authority has published.'),
  ),
  KEY_AMBIGUOUS: entry(
    'signature',
    'fail',
    say('无法唯一确定签名密钥。', 'The signing key cannot be identified uniquely.'),
  ),
  SIGNATURE_INVALID: entry(
    'signature',
    'fail',
    say(
      '数字签名与内容不符：二维码是伪造的或已被改动。',
      'The digital signature does not match the content: the QR is forged or has been altered.',
    ),
  ),
  SIGNED_OUTSIDE_KEY_PERIOD: entry(
    'signature',
    'fail',
    say('签名时间不在该密钥的使用期内。', "The signature was made outside its key's period of use."),
  ),
  KEY_COMPROMISED: entry(
    'signature',
    'fail',
    say(
      '该签名作于密钥被宣布泄露之后，不予承认。',
      'The signature was made after its key was declared compromised, and is not accepted.',
    ),
  ),
  SIGNED_IN_FUTURE: entry('signature', 'fail', say('签名时间晚于当前时间。', 'The signing time lies in the future.')),
  KEYS_UNAVAILABLE: entry(
    'signature',
    'unavailable',
    say(
      '暂时无法读取发证机关的公钥，未能核对签名。',
      "The authority's public keys could not be read, so the signature was not checked.",
    ),
  ),
  SIGNATURE_SKIPPED: entry(
    'signature',
    'skipped',
    say('格式核验未通过，无法核对签名。', 'Not checked: the format check failed.'),
  ),
  SIGNATURE_NOT_APPLICABLE: entry(
    'signature',
    'skipped',
    say(
      '按许可证编号查询，没有二维码签名可供核对。',
      'Looked up by licence number: there is no QR signature to check.',
    ),
  ),

  // pdfSignature — the uploaded PDF's own PAdES signature (files only); see `pdfSignatureCheck` in checks.ts
  PDF_SIGNATURE_VALID: entry('pdfSignature', 'pass', pdfSignatureValid),
  // Skipped, not failed: a file issued before Permit signed PDFs carries no signature, and whether it is unaltered is
  // already decided by the record check (its exact bytes must be an issued file). Counts towards `valid`.
  PDF_SIGNATURE_ABSENT: entry(
    'pdfSignature',
    'skipped',
    say(
      '文件未带 PDF 签名（签发于启用 PDF 签名之前）；文件是否原样由登记信息核验判断。',
      'Not signed (issued before PDF signatures): whether the file is unaltered is decided by the register check.',
    ),
  ),
  // A QR, a payload, a lookup or an offline check: there is no file signature to check. Counts towards `valid`.
  PDF_SIGNATURE_NOT_APPLICABLE: entry(
    'pdfSignature',
    'skipped',
    say(
      '只核对了二维码或许可证编号，不涉及证书 PDF 文件的签名。',
      "Only the QR code or licence number was checked; a certificate PDF's own signature is not part of this check.",
    ),
  ),
  PDF_SIGNATURE_MALFORMED: entry(
    'pdfSignature',
    'fail',
    say(
      '文件中的 PDF 签名无法读取：签名结构损坏或不完整。',
      "The file's PDF signature cannot be read: its structure is damaged or incomplete.",
    ),
  ),
  PDF_SIGNATURE_BYTE_RANGE: entry(
    'pdfSignature',
    'fail',
    say(
      'PDF 签名未覆盖整个文件：签名之外还有未签名的内容，或文件被截短。',
      'The PDF signature does not cover the whole file: it has unsigned content besides the signature, or was cut short.',
    ),
  ),
  PDF_SIGNATURE_DIGEST: entry(
    'pdfSignature',
    'fail',
    say(
      'PDF 签名与文件内容不符：文件在签署后被改动过。',
      "The PDF signature does not match the file's content: the file was changed after it was signed.",
    ),
  ),
  PDF_SIGNATURE_CMS_SIGNATURE: entry(
    'pdfSignature',
    'fail',
    say(
      'PDF 签名本身无效：签名值与其签名证书不符。',
      'The PDF signature itself is invalid: it does not verify with its signing certificate.',
    ),
  ),
  PDF_SIGNATURE_UNTRUSTED_CHAIN: entry(
    'pdfSignature',
    'fail',
    say(
      'PDF 签名所用的证书不是发证机关的证书，或签名时该证书无效。',
      "The PDF was not signed with one of the authority's certificates, or that certificate was not valid when it signed.",
    ),
  ),
  PDF_SIGNATURE_MODIFIED_AFTER_SIGNING: entry(
    'pdfSignature',
    'fail',
    say(
      'PDF 在签署后又被修改（不只是追加时间戳），修改的内容未经签名。',
      'The PDF was modified after it was signed (more than a timestamp was added); the changes are not signed.',
    ),
  ),
  PDF_SIGNATURE_TIMESTAMP_INVALID: entry(
    'pdfSignature',
    'fail',
    say(
      'PDF 签名的时间戳无效，或不属于此文件。',
      'A timestamp on the PDF signature is invalid, or belongs to other data.',
    ),
  ),
  PDF_SIGNATURE_UNAVAILABLE: entry(
    'pdfSignature',
    'unavailable',
    say(
      '暂时无法读取核对 PDF 签名所需的信任证书，未能核对文件签名。',
      'The trust anchors for PDF signatures could not be read, so the PDF signature was not checked.',
    ),
  ),
  // Only when a caller listed no pdfSignature check at all: never counts towards `valid` (the fail-safe default).
  PDF_SIGNATURE_SKIPPED: entry(
    'pdfSignature',
    'skipped',
    say('未核对 PDF 文件签名。', 'The PDF signature was not checked.'),
  ),

  // record — the licence exists and matches the signed claims (number, version, USCC)
  RECORD_OK: entry(
    'record',
    'pass',
    say(
      '与发证机关登记信息一致（许可证编号、证书版本、统一社会信用代码）。',
      "Matches the authority's register (licence number, certificate version, USCC).",
    ),
  ),
  RECORD_FOUND: entry(
    'record',
    'pass',
    say('发证机关登记库中有此许可证。', "The licence is in the authority's register."),
  ),
  RECORD_NOT_FOUND: entry(
    'record',
    'fail',
    say('发证机关登记库中没有此许可证。', "The authority's register has no such licence."),
  ),
  RECORD_MISMATCH: entry(
    'record',
    'fail',
    say(
      '与发证机关登记信息不一致（许可证编号、证书版本或统一社会信用代码）。',
      "Does not match the authority's register (licence number, certificate version or USCC).",
    ),
  ),
  FILE_ALTERED: entry(
    'record',
    'fail',
    say(
      '此文件与发证机关签发的任何证书文件都不一致，可能已被改动。',
      'This file matches no certificate file the authority issued; it may have been altered.',
    ),
  ),
  RECORD_UNAVAILABLE: entry(
    'record',
    'unavailable',
    say('暂时无法查询发证机关登记库。', "The authority's register could not be reached."),
  ),
  RECORD_SKIPPED: entry('record', 'skipped', NOT_AFTER_FAILURE('登记信息', 'register')),
  RECORD_OFFLINE: entry(
    'record',
    'skipped',
    say('离线模式未查询发证机关登记信息。', "The authority's register was not consulted offline."),
  ),

  // status — valid / suspended / revoked / cancelled
  STATUS_VALID: entry('status', 'pass', say('许可证状态：有效。', 'Licence status: valid.')),
  STATUS_SUSPENDED: entry('status', 'fail', (p: Since) => ({
    reason: { zh: `许可证已于 ${p.since} 被暂扣。`, en: `The licence was suspended on ${p.since}.` },
  })),
  STATUS_REVOKED: entry('status', 'fail', (p: Since) => ({
    reason: { zh: `许可证已于 ${p.since} 被吊销。`, en: `The licence was revoked on ${p.since}.` },
  })),
  STATUS_CANCELLED: entry('status', 'fail', (p: Since) => ({
    reason: { zh: `许可证已于 ${p.since} 被注销。`, en: `The licence was cancelled on ${p.since}.` },
  })),
  STATUS_UNAVAILABLE: entry(
    'status',
    'unavailable',
    say('暂时无法读取许可证状态。', 'The licence status could not be read.'),
  ),
  STATUS_SKIPPED: entry('status', 'skipped', NOT_AFTER_FAILURE('许可证状态', 'status')),
  STATUS_OFFLINE: entry('status', 'skipped', say('离线模式未核对证书状态。', 'Status was not checked offline.')),

  // validity — not expired
  WITHIN_VALIDITY: entry('validity', 'pass', (p: { readonly validUntil: string }) => ({
    reason: {
      zh: `在有效期内（有效期至 ${p.validUntil}）。`,
      en: `Within its validity period (valid until ${p.validUntil}).`,
    },
  })),
  EXPIRED: entry('validity', 'fail', (p: { readonly validUntil: string }) => ({
    reason: { zh: `已超过有效期（有效期至 ${p.validUntil}）。`, en: `Expired: it was valid until ${p.validUntil}.` },
  })),
  VALIDITY_UNAVAILABLE: entry(
    'validity',
    'unavailable',
    say('暂时无法确定有效期。', 'The validity period could not be determined.'),
  ),
  VALIDITY_SKIPPED: entry('validity', 'skipped', NOT_AFTER_FAILURE('有效期', 'validity period')),

  // version — a newer version is a warning, never a failure
  VERSION_LATEST: entry(
    'version',
    'pass',
    say('这是该许可证的最新版本证书。', 'This is the latest version of the certificate.'),
  ),
  NEWER_VERSION: entry('version', 'pass', (p: { readonly latest: number }) => ({
    reason: {
      zh: `已有更新版本的证书（第 ${p.latest} 版）。`,
      en: `A newer version of the certificate exists (version ${p.latest}).`,
    },
    warning: {
      zh: `此证书不是最新版本，请以第 ${p.latest} 版证书为准，可向持证企业索取。`,
      en: `This is not the latest certificate: rely on version ${p.latest}, which the holder can provide.`,
    },
  })),
  VERSION_UNAVAILABLE: entry(
    'version',
    'unavailable',
    say('暂时无法确定是否有更新版本。', 'Whether a newer version exists could not be determined.'),
  ),
  VERSION_SKIPPED: entry('version', 'skipped', NOT_AFTER_FAILURE('证书版本', 'version')),
  VERSION_OFFLINE: entry(
    'version',
    'skipped',
    say('离线模式未核对是否有更新版本。', 'Not checked offline whether a newer version exists.'),
  ),
} as const;

export type ReasonCode = keyof typeof REASONS;

/**
 * Codes of one check, optionally of one outcome.
 *
 * @example
 * const code: ReasonCodeOf<'signature', 'fail'> = 'KEY_COMPROMISED';
 */
export type ReasonCodeOf<N extends CheckName, O extends CheckOutcome = CheckOutcome> = {
  [C in ReasonCode]: (typeof REASONS)[C] extends ReasonEntry<N, O, infer _P> ? C : never;
}[ReasonCode];

/** The parameters a code's text needs (none for most). */
export type ReasonParams<C extends ReasonCode> = Parameters<(typeof REASONS)[C]['text']>;

/**
 * Build the check a reason code stands for.
 *
 * @example
 * checkFor('STATUS_REVOKED', { since: '2026-11-20' });
 * // { name: 'status', outcome: 'fail', code: 'STATUS_REVOKED', reason: { zh: '许可证已于 2026-11-20 被吊销。', en: … } }
 */
export function checkFor<C extends ReasonCode>(code: C, ...params: ReasonParams<C>): Check {
  const e = REASONS[code] as ReasonEntry<CheckName, CheckOutcome, unknown>;
  const { reason, warning } = e.text(params[0]);
  return { name: e.check, outcome: e.outcome, code, reason, ...(warning ? { warning } : {}) };
}

/**
 * The code that marks `name` as skipped because an earlier check did not pass.
 *
 * @example
 * skippedCode('record'); // 'RECORD_SKIPPED'
 */
export function skippedCode(name: Exclude<CheckName, 'format'>): ReasonCodeOf<CheckName, 'skipped'> {
  return SKIPPED[name];
}

const SKIPPED = {
  signature: 'SIGNATURE_SKIPPED',
  pdfSignature: 'PDF_SIGNATURE_SKIPPED',
  record: 'RECORD_SKIPPED',
  status: 'STATUS_SKIPPED',
  validity: 'VALIDITY_SKIPPED',
  version: 'VERSION_SKIPPED',
} as const satisfies Record<Exclude<CheckName, 'format'>, ReasonCode>;
