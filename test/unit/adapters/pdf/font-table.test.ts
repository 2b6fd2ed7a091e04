/**
 * The generated certificate-font table is the fonts' own data (regenerated here and compared, so it cannot drift),
 * and filing — which checks with the table, without fonts — decides exactly as the renderer does with the fonts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tableMetrics } from '../../../../lambdas/adapters/pdf/font-metrics';
import { buildFontTable } from '../../../../lambdas/adapters/pdf/font-table';
import { certificateFonts, readFontFiles } from '../../../../lambdas/adapters/pdf/fonts';
import { checkPrintable } from '../../../../lambdas/adapters/pdf/print-check';
import type { PrintableCertificate } from '../../../../lambdas/domain/certificate';
import { CERTIFICATE_FONT_TABLE } from '../../../../lambdas/domain/certificate-font-table';
import type { LocalDate } from '../../../../lambdas/domain/dates';
import { parseEnterprise } from '../../../../lambdas/domain/enterprise';
import { isPermitError } from '../../../../lambdas/domain/errors';

/** The outcome of a check as data: 'ok' or the error code. */
const outcomeOf = (check: () => void): string => {
  try {
    check();
    return 'ok';
  } catch (error) {
    if (isPermitError(error)) return error.code;
    throw error;
  }
};

describe('the generated table', () => {
  it('is exactly what the certificate fonts give today (npm run fonts:table regenerates it)', () => {
    // Act
    const regenerated = buildFontTable(readFontFiles());

    // Assess
    expect(regenerated).toEqual(CERTIFICATE_FONT_TABLE);
  });

  it('gives every code point the fonts have the same coverage and advance width as the parsed fonts', () => {
    // Prepare
    const fonts = certificateFonts();
    const table = tableMetrics();
    const codePoints = fonts.regular.font.characterSet;

    // Act
    const differences = codePoints.filter((cp) => {
      const ch = String.fromCodePoint(cp);
      return (['regular', 'bold'] as const).some(
        (role) =>
          table[role].canDraw(cp) !== fonts[role].canDraw(cp) ||
          table[role].widthOf(ch, 12) !== fonts[role].widthOf(ch, 12),
      );
    });

    // Assess
    expect(codePoints.length).toBeGreaterThan(30_000);
    expect(differences).toEqual([]);
    expect(table.regular.canDraw(0x1f600)).toBe(false);
  });
});

/** Characters the policy accepts: common and rare CJK (one outside the BMP), Latin, digits, punctuation, white space. */
const GOOD = [
  ...'湖北省武汉市东湖新技术开发区光谷大道号有限公司钢铁线缆包装',
  ...'堃猇䶮𬌗𣲗',
  ...'ABCxyz Café 0123456789',
  ...'（）()-、，。·—',
  '\u3000',
  '\u00A0',
];
/** Characters it refuses: invisible, formatting and control characters, characters the font lacks, a lone mark. */
const BAD = ['\u200B', '\u200D', '\u00AD', '\uFE0F', '\u202E', '\n', '\u0000', '😀', '𠮷', 'ا', '\u0301'];
/** Mostly printable text; about one in eight values carries one refused character somewhere. */
const text = (max: number) =>
  fc
    .tuple(
      fc.array(fc.constantFrom(...GOOD), { minLength: 1, maxLength: max - 1, size: 'medium' }),
      fc.oneof(
        { arbitrary: fc.constant(null), weight: 7 },
        { arbitrary: fc.tuple(fc.constantFrom(...BAD), fc.nat()), weight: 1 },
      ),
    )
    .map(([chars, bad]) => {
      if (bad) chars.splice(bad[1] % (chars.length + 1), 0, bad[0]);
      return chars.join('');
    });

const printableOf = (enterprise: ReturnType<typeof parseEnterprise>): PrintableCertificate => ({
  licenceNumber: '(鄂)XK06-001-00001',
  licenceNumberUrlSafe: '42-XK06-001-00001',
  version: 1,
  paperSerial: '20269999999',
  enterpriseName: enterprise.name,
  uscc: enterprise.uscc,
  domicile: enterprise.domicile,
  productionAddresses: enterprise.productionAddresses,
  products: [{ code: 'XK06-001', zh: '电线电缆', en: 'Wires and cables' }],
  issueDate: '2026-09-28' as LocalDate,
  validFrom: '2026-09-28' as LocalDate,
  validUntil: '2031-09-27' as LocalDate,
  issuingAuthority: '湖北省市场监督管理局',
});

describe('filing decides as the renderer does (property)', () => {
  it('text the filing rules accept is accepted by the renderer, and both refuse the same', () => {
    const seen = { refusedAtFiling: 0, ok: 0, tooLong: 0 };
    fc.assert(
      fc.property(
        text(100),
        text(200),
        fc.array(text(200), { minLength: 1, maxLength: 12, size: 'max' }),
        (name, domicile, productionAddresses) => {
          // Act: the filing rules — the text policy of every field, then the check with the generated table
          let enterprise: ReturnType<typeof parseEnterprise>;
          try {
            enterprise = parseEnterprise({ name, uscc: '91420100MA4K2X1R09', domicile, productionAddresses });
          } catch {
            seen.refusedAtFiling += 1; // refused at filing: nothing reaches the renderer
            return;
          }
          const printable = printableOf(enterprise);
          const atFiling = outcomeOf(() => checkPrintable(printable, tableMetrics()));
          const atIssuance = outcomeOf(() => checkPrintable(printable, certificateFonts()));

          // Assess
          expect(atIssuance).toBe(atFiling);
          expect(['ok', 'CERTIFICATE_TEXT_TOO_LONG']).toContain(atFiling);
          if (atFiling === 'ok') seen.ok += 1;
          else seen.tooLong += 1;
        },
      ),
      { numRuns: 300, seed: 20_261_127 },
    );
    // The generated cases reach every branch: refused at filing, accepted, and too long for the page.
    expect(seen.refusedAtFiling).toBeGreaterThan(10);
    expect(seen.ok).toBeGreaterThan(10);
    expect(seen.tooLong).toBeGreaterThan(10);
  });
});
