/**
 * What a verification answer says about the transparency log (`LogInclusion` in `model.ts`): the bilingual sentence
 * of each state, and whether a logged issuance entry is the one the register holds for a version.
 *
 * @example
 * logInclusionText('included', 17).en; // 'Recorded in the public transparency log (#17).'
 */
import type { IssuanceEntry, LogEntry } from '../transparency/entries';
import type { Bilingual, LogState } from './model';

/**
 * The sentence for a log state (the entry's index when it is included).
 *
 * @example
 * logInclusionText('pending').zh; // '正在记入公开透明日志（签发后一分钟内）。'
 */
export function logInclusionText(state: LogState, index?: number): Bilingual {
  switch (state) {
    case 'included':
      return {
        zh: `已记录在公开透明日志中（第 ${index ?? 0} 号条目）。`,
        en: `Recorded in the public transparency log (#${index ?? 0}).`,
      };
    case 'pending':
      return {
        zh: '正在记入公开透明日志（签发后一分钟内）。',
        en: 'Pending in the public transparency log (issued less than a minute ago).',
      };
    case 'missing':
      return {
        zh: '公开透明日志中没有该版本的签发记录，因此无法确认；已通知发证机关。',
        en: 'The public transparency log has no record of this version being issued, so it cannot be confirmed; the authority has been alerted.',
      };
    case 'unavailable':
      return {
        zh: '暂时无法读取公开透明日志。',
        en: 'The public transparency log could not be read just now.',
      };
  }
}

/**
 * Whether a logged entry records the issuance of this version with this signed QR record (its SHA-256).
 *
 * @example
 * recordsIssuance(decodeEntry(bytes), { licenceNumber: '(鄂)XK13-001-00001', version: 1, qrRecordSha256 });
 */
export function recordsIssuance(
  entry: LogEntry,
  expected: Pick<IssuanceEntry, 'licenceNumber' | 'version' | 'qrRecordSha256'>,
): entry is IssuanceEntry {
  return (
    entry.type === 'issuance' &&
    entry.licenceNumber === expected.licenceNumber &&
    entry.version === expected.version &&
    entry.qrRecordSha256 === expected.qrRecordSha256
  );
}
