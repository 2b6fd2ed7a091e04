/**
 * Words for verdicts and outcomes, shared by the page, the JSON summary and the CLI so they never disagree.
 *
 * Regulatory terms (《工业产品生产许可证管理条例》 and its implementing measures; 《行政处罚法》 第九条):
 * 吊销 = revoked (a penalty), 注销 = cancelled (closing a licence: on request, after 撤销/撤回, after the holder
 * ceased to exist), 暂扣 = suspended (暂扣许可证件, the Administrative Penalty Law's term for a temporary suspension).
 */
import type { Bilingual, Check, CheckName, CheckOutcome, Verdict, VerificationMode } from './model';

/**
 * The issuing authority of the Hubei deployment, used when a caller does not name one.
 *
 * @example
 * summarise('invalid', { mode: 'online', signatureValid: false, authority: DEFAULT_AUTHORITY });
 */
export const DEFAULT_AUTHORITY: Bilingual = {
  zh: '湖北省市场监督管理局',
  en: 'Hubei Provincial Administration for Market Regulation',
};

/**
 * The verdict in one or two words, as the banner shows it.
 *
 * @example
 * VERDICT_LABELS.revoked; // { zh: '已吊销', en: 'REVOKED' }
 */
export const VERDICT_LABELS: Readonly<Record<Verdict, Bilingual>> = {
  valid: { zh: '有效', en: 'VALID' },
  invalid: { zh: '无效', en: 'INVALID' },
  suspended: { zh: '已暂扣', en: 'SUSPENDED' },
  revoked: { zh: '已吊销', en: 'REVOKED' },
  cancelled: { zh: '已注销', en: 'CANCELLED' },
  expired: { zh: '已过期', en: 'EXPIRED' },
  'cannot-confirm': { zh: '无法确认', en: 'CANNOT CONFIRM' },
};

/**
 * Each check's name.
 *
 * @example
 * CHECK_LABELS.record.zh; // '登记信息'
 */
export const CHECK_LABELS: Readonly<Record<CheckName, Bilingual>> = {
  format: { zh: '格式', en: 'Format' },
  signature: { zh: '数字签名', en: 'Signature' },
  pdfSignature: { zh: 'PDF 文件签名', en: 'PDF signature' },
  record: { zh: '登记信息', en: 'Register record' },
  status: { zh: '许可证状态', en: 'Status' },
  validity: { zh: '有效期', en: 'Validity period' },
  version: { zh: '证书版本', en: 'Certificate version' },
};

/**
 * Each outcome in a word.
 *
 * @example
 * OUTCOME_LABELS.unavailable; // { zh: '无法核对', en: 'UNAVAILABLE' }
 */
export const OUTCOME_LABELS: Readonly<Record<CheckOutcome, Bilingual>> = {
  pass: { zh: '通过', en: 'PASS' },
  fail: { zh: '未通过', en: 'FAIL' },
  unavailable: { zh: '无法核对', en: 'UNAVAILABLE' },
  skipped: { zh: '未核对', en: 'NOT CHECKED' },
};

/** Skips that are not a gap in the verification, so they read as what they are rather than "not checked". */
const NEUTRAL_SKIP_LABELS: Readonly<Record<string, Bilingual>> = {
  SIGNATURE_NOT_APPLICABLE: { zh: '不适用', en: 'NOT APPLICABLE' },
  PDF_SIGNATURE_NOT_APPLICABLE: { zh: '不适用', en: 'NOT APPLICABLE' },
  PDF_SIGNATURE_ABSENT: { zh: '未签名', en: 'NOT SIGNED' },
};

/**
 * A check's outcome in a word, as the page and the CLI show it: {@link OUTCOME_LABELS}, except the skips that never
 * weigh on the verdict ("not applicable", a PDF "not signed" before PDF signatures).
 *
 * @example
 * outcomeLabel(checkFor('PDF_SIGNATURE_NOT_APPLICABLE')); // { zh: '不适用', en: 'NOT APPLICABLE' }
 */
export function outcomeLabel(check: Pick<Check, 'outcome' | 'code'>): Bilingual {
  return (check.outcome === 'skipped' ? NEUTRAL_SKIP_LABELS[check.code] : undefined) ?? OUTCOME_LABELS[check.outcome];
}

export interface SummaryFacts {
  readonly mode: VerificationMode;
  readonly signatureValid: boolean;
  readonly authority: Bilingual;
  /** Whether the format check passed (a lookup of something that is not a licence number never searched the register). */
  readonly formatValid?: boolean;
  /** Whether an uploaded PDF's own signature failed (the file, not only its QR, is then what to distrust). */
  readonly pdfSignatureFailed?: boolean;
}

/**
 * One sentence that explains the verdict.
 *
 * @example
 * summarise('cannot-confirm', { mode: 'offline', signatureValid: true, authority: DEFAULT_AUTHORITY }).en;
 * // 'The signature is genuine, but status was not checked offline: …'
 */
export function summarise(verdict: Verdict, facts: SummaryFacts): Bilingual {
  const { zh: a, en: aEn } = facts.authority;
  switch (verdict) {
    case 'valid':
      return {
        zh: `该许可证真实有效：由${a}签发，全部核验项目通过。`,
        en: `This licence is genuine and valid: issued by the ${aEn}, and every check passed.`,
      };
    case 'invalid':
      if (facts.mode === 'lookup' && facts.formatValid === false) {
        return {
          zh: '这不是有效的许可证编号（应为“(鄂)XK06-001-00001”或“42-XK06-001-00001”的格式），未查询登记库。',
          en: 'This is not a valid licence number (expected the form (鄂)XK06-001-00001 or 42-XK06-001-00001); the register was not searched.',
        };
      }
      if (facts.pdfSignatureFailed) {
        return {
          zh: `此证书文件的 PDF 签名不成立：文件在签署后被改动过，或不是${a}签署的。请勿信赖此文件。`,
          en: `This certificate file's PDF signature does not hold: the file was changed after it was signed, or the ${aEn} did not sign it. Do not rely on this file.`,
        };
      }
      return facts.mode === 'lookup'
        ? {
            zh: `${a}的登记库中没有与此编号相符的有效登记，请勿信赖。`,
            en: `The ${aEn} has no matching record of this number. Do not rely on it.`,
          }
        : {
            zh: `此二维码不是${a}签发的，或与其登记信息不符。请勿信赖此证书。`,
            en: `This QR code was not issued by the ${aEn}, or does not match its records. Do not rely on this certificate.`,
          };
    case 'suspended':
      return {
        zh: '该许可证已被暂扣，暂扣期间许可不具效力。',
        en: 'This licence is suspended and has no effect while suspended.',
      };
    case 'revoked':
      return { zh: '该许可证已被吊销，不再有效。', en: 'This licence has been revoked and is no longer valid.' };
    case 'cancelled':
      return { zh: '该许可证已被注销，不再有效。', en: 'This licence has been cancelled and is no longer valid.' };
    case 'expired':
      return { zh: '该许可证已超过有效期，不再有效。', en: 'This licence has expired and is no longer valid.' };
    case 'cannot-confirm':
      return cannotConfirm(facts);
  }
}

function cannotConfirm(facts: SummaryFacts): Bilingual {
  if (facts.mode === 'offline' && facts.signatureValid) {
    return {
      zh: '证书签名真实，但离线模式未核对证书状态，无法确认许可证目前是否有效。',
      en: 'The signature is genuine, but status was not checked offline: whether the licence is valid now cannot be confirmed.',
    };
  }
  if (facts.signatureValid) {
    return {
      zh: '证书签名真实，但暂时无法完成全部核验，无法确认许可证目前是否有效。请稍后重试。',
      en: 'The signature is genuine, but not every check could be completed: whether the licence is valid now cannot be confirmed. Please try again shortly.',
    };
  }
  return {
    zh: '暂时无法完成核验，无法确认此证书是否真实有效。请稍后重试，切勿视为有效。',
    en: 'Verification could not be completed: whether this certificate is genuine and valid cannot be confirmed. Please try again shortly; do not treat it as valid.',
  };
}
