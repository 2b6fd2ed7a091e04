/**
 * Common wordings of a status change (常用表述): the public reasons (shown to anyone who verifies the licence) and the
 * legal bases an officer most often gives for each action, offered as choices beside "other" (free text) on the
 * status-change form. One module, Chinese with English; what is recorded is the Chinese and the English together
 * (`中文 / English`), as the API's examples record reasons, so a verifier reads it in either language.
 *
 * The legal bases name the law and, where the article is settled, the article: 《行政处罚法》第九条 lists suspending
 * (暂扣) and revoking (吊销) a licence as penalties, 《行政许可法》第七十条 the cases in which a licence is cancelled
 * (注销). The industrial-product regulations are named without an article: which article applies depends on the
 * case, and the officer writes it under "other" when it should be cited. Check the wording against the official
 * texts before relying on it in a decision.
 *
 * @example
 * wordingsFor('suspend').reasons[0]; // { id: 'spot-check-failed', zh: '产品质量监督抽查不合格', en: '…' }
 * recordedText(wordingsFor('suspend').reasons[0]); // '产品质量监督抽查不合格 / Failed a product quality spot check'
 */
import type { StatusAction } from '../../domain/certificate-status';

/** One wording: a stable id (the form's value), Chinese and English. */
export interface Wording {
  readonly id: string;
  readonly zh: string;
  readonly en: string;
}

/** The value of the "other: free text" choice. */
export const OTHER = 'other';

const REGULATIONS: Wording = {
  id: 'regulations',
  zh: '《中华人民共和国工业产品生产许可证管理条例》',
  en: 'Regulations of the PRC on the Administration of Production Licences for Industrial Products',
};
const IMPLEMENTING: Wording = {
  id: 'implementing-measures',
  zh: '《工业产品生产许可证管理条例实施办法》',
  en: 'Implementing Measures of the Regulations on Production Licences for Industrial Products',
};
const PENALTY_LAW: Wording = {
  id: 'penalty-law-9',
  zh: '《中华人民共和国行政处罚法》第九条',
  en: 'Administrative Penalty Law of the PRC, Article 9',
};
const LICENSING_LAW_70: Wording = {
  id: 'licensing-law-70',
  zh: '《中华人民共和国行政许可法》第七十条',
  en: 'Administrative Licensing Law of the PRC, Article 70',
};

const WORDINGS: Readonly<Record<StatusAction, { reasons: readonly Wording[]; bases: readonly Wording[] }>> = {
  suspend: {
    reasons: [
      { id: 'spot-check-failed', zh: '产品质量监督抽查不合格', en: 'Failed a product quality spot check' },
      {
        id: 'review-failed',
        zh: '发证后审查不合格，责令限期整改',
        en: 'Failed the post-issuance review; rectification ordered',
      },
      { id: 'stop-production', zh: '责令停产整改', en: 'Ordered to stop production and rectify' },
      { id: 'no-annual-report', zh: '未按规定提交年度自查报告', en: 'Annual self-inspection report not filed' },
    ],
    bases: [PENALTY_LAW, REGULATIONS, IMPLEMENTING],
  },
  reinstate: {
    reasons: [
      { id: 'rectified', zh: '整改完成，经复查合格', en: 'Rectified and passed re-inspection' },
      { id: 'period-ended', zh: '暂扣期限届满', en: 'The suspension period has ended' },
    ],
    bases: [REGULATIONS, IMPLEMENTING],
  },
  revoke: {
    reasons: [
      {
        id: 'still-failing',
        zh: '整改后仍不符合发证条件',
        en: 'Still fails the licensing conditions after rectification',
      },
      {
        id: 'serious-violation',
        zh: '生产销售不合格产品，情节严重',
        en: 'Made and sold nonconforming products; serious case',
      },
    ],
    bases: [PENALTY_LAW, REGULATIONS, IMPLEMENTING],
  },
  cancel: {
    reasons: [
      { id: 'holder-request', zh: '企业申请注销', en: 'Cancelled at the holder’s request' },
      { id: 'enterprise-ended', zh: '企业依法终止', en: 'The enterprise has been dissolved' },
      { id: 'expired-not-renewed', zh: '有效期届满未延续', en: 'Expired without renewal' },
    ],
    bases: [LICENSING_LAW_70, REGULATIONS, IMPLEMENTING],
  },
};

/**
 * The common reasons and legal bases of an action.
 *
 * @example
 * wordingsFor('cancel').bases.map((b) => b.id); // ['licensing-law-70', 'regulations', 'implementing-measures']
 */
export const wordingsFor = (action: StatusAction): { reasons: readonly Wording[]; bases: readonly Wording[] } =>
  WORDINGS[action];

/**
 * The text recorded for a chosen wording: Chinese and English.
 *
 * @example
 * recordedText({ id: 'x', zh: '企业申请注销', en: 'Cancelled at the holder’s request' });
 * // '企业申请注销 / Cancelled at the holder’s request'
 */
export const recordedText = (w: Wording): string => `${w.zh} / ${w.en}`;

/**
 * The text a form's choice stands for: a common wording's recorded text, the free text for `other`, or undefined for
 * no choice or an id this action does not offer (the use case then refuses the empty text beside its field).
 *
 * @example
 * chosenText(wordingsFor('suspend').reasons, 'stop-production', ''); // '责令停产整改 / Ordered to stop …'
 * chosenText(wordingsFor('suspend').reasons, 'other', ' 自定义理由 '); // '自定义理由'
 */
export function chosenText(
  offered: readonly Wording[],
  choice: string | undefined,
  other: string | undefined,
): string | undefined {
  if (choice === OTHER) return other?.trim() || undefined;
  const wording = offered.find((w) => w.id === choice);
  return wording ? recordedText(wording) : undefined;
}
