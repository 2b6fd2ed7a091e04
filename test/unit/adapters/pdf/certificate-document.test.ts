import { describe, expect, it } from 'vitest';
import { renderCertificatePdf } from '../../../../lambdas/adapters/pdf/render-certificate';
import { isPermitError, type PermitError } from '../../../../lambdas/domain/errors';
import { documents } from '../../../support/certificate-documents';

const typical = documents.typical as NonNullable<typeof documents.typical>;

async function errorOf(p: Promise<unknown>): Promise<PermitError> {
  try {
    await p;
  } catch (e) {
    if (isPermitError(e)) return e;
    throw e;
  }
  throw new Error('expected a PermitError');
}

describe('refusing what cannot be printed', () => {
  it('refuses characters the font lacks, naming each field and character (TEXT_NOT_PRINTABLE)', async () => {
    const error = await errorOf(
      renderCertificatePdf({
        ...typical,
        enterprise: { ...typical.enterprise, name: '𠮷野家餐饮有限公司', domicile: '湖北省武汉市😀路 1 号' },
        products: [{ name: '热轧带肋钢筋', nameEn: 'Steel\u200dbars' }],
      }),
    );
    expect(error.kind).toBe('invalid');
    expect(error.code).toBe('TEXT_NOT_PRINTABLE');
    expect(error.details.issues).toEqual([
      { field: 'enterprise.name', message: 'cannot print U+20BB7 𠮷' },
      { field: 'enterprise.domicile', message: 'cannot print U+1F600 😀' },
      { field: 'products.0.nameEn', message: 'cannot print U+200D' },
    ]);
    expect(error.message).toContain('U+20BB7 𠮷');
  });

  it('prints rare characters the font does have (堃, 猇, 䶮, 𬌗)', async () => {
    const bytes = await renderCertificatePdf({
      ...typical,
      enterprise: { ...typical.enterprise, name: '堃猇䶮𬌗科技有限公司' },
    });
    expect(bytes.length).toBeGreaterThan(1000);
  });

  it('refuses content that cannot fit on the page even at the smallest size (CERTIFICATE_TEXT_TOO_LONG)', async () => {
    const products = Array.from({ length: 40 }, (_, i) => ({
      name: `第${i + 1}种危险化学品包装物、容器及其配套附件`,
      nameEn: 'Packaging and containers for hazardous chemicals, with fittings',
    }));
    const error = await errorOf(renderCertificatePdf({ ...typical, products }));
    expect(error.code).toBe('CERTIFICATE_TEXT_TOO_LONG');
    expect(error.kind).toBe('invalid');
  });

  it('refuses an incomplete document (CERTIFICATE_DOCUMENT_INVALID), listing the fields', async () => {
    const error = await errorOf(
      renderCertificatePdf({
        ...typical,
        enterprise: { ...typical.enterprise, name: '  ', productionAddresses: [] },
        products: [],
        validUntil: '2031-13-01',
      }),
    );
    expect(error.code).toBe('CERTIFICATE_DOCUMENT_INVALID');
    expect((error.details.issues ?? []).map((i) => i.field)).toEqual([
      'enterprise.name',
      'enterprise.productionAddresses',
      'products',
      'validUntil',
    ]);
  });

  it('refuses a QR text too long for a readable 32 mm code (QR_TOO_DENSE)', async () => {
    const error = await errorOf(renderCertificatePdf({ ...typical, qrText: `https://example.cn/${'x'.repeat(900)}` }));
    expect(error.code).toBe('QR_TOO_DENSE');
  });
});
