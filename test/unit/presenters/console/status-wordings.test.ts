/**
 * The common wordings of a status change: every action offers reasons and bases, each in Chinese and English with an
 * id unique within its list; what is recorded for a choice (both languages, or the free text for "other").
 */
import { describe, expect, test } from 'vitest';
import { STATUS_ACTIONS } from '../../../../lambdas/domain/certificate-status';
import { TEXT_LIMITS, unprintableCharacters } from '../../../../lambdas/domain/text';
import { chosenText, OTHER, recordedText, wordingsFor } from '../../../../lambdas/presenters/console/status-wordings';

describe('status wordings', () => {
  test.each(STATUS_ACTIONS)(
    '%s offers reasons and bases, zh and en, unique ids, printable and within the limits',
    (action) => {
      // Prepare / Act
      const { reasons, bases } = wordingsFor(action);

      // Assess
      expect(reasons.length).toBeGreaterThan(0);
      expect(bases.length).toBeGreaterThan(0);
      for (const list of [reasons, bases]) {
        expect(new Set(list.map((w) => w.id)).size).toBe(list.length);
        expect(list.map((w) => w.id)).not.toContain(OTHER);
        for (const w of list) {
          expect(w.zh).toMatch(/\p{Script=Han}/u);
          expect(w.en).toMatch(/^[\x20-\x7e’]+$/);
          expect(unprintableCharacters(recordedText(w))).toEqual([]);
        }
      }
      for (const w of reasons) expect(recordedText(w).length).toBeLessThanOrEqual(TEXT_LIMITS.publicReason);
      for (const w of bases) expect(recordedText(w).length).toBeLessThanOrEqual(TEXT_LIMITS.legalBasis);
    },
  );

  test('a choice stands for its recorded text; "other" for the free text; nothing or a stranger for nothing', () => {
    const { reasons } = wordingsFor('suspend');
    expect(chosenText(reasons, 'stop-production', 'ignored')).toBe(
      '责令停产整改 / Ordered to stop production and rectify',
    );
    expect(chosenText(reasons, OTHER, '  自定义理由 ')).toBe('自定义理由');
    expect(chosenText(reasons, OTHER, '   ')).toBeUndefined();
    expect(chosenText(reasons, undefined, '自定义')).toBeUndefined();
    expect(chosenText(reasons, 'holder-request', '')).toBeUndefined(); // a cancel reason is not a suspend reason
  });
});
