import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LicenceNumber, MAX_SERIAL, nextSerial } from '../../../lambdas/domain/licence-number';
import { PROVINCES, provinceByAbbr, provinceByCode } from '../../../lambdas/domain/province';
import { arbLicenceParts } from '../../support/arbitraries';
import { codeOf } from '../../support/thrown';

describe('provinces', () => {
  it('has the 31 provincial-level abbreviations, each with a unique GB/T 2260 code', () => {
    // Assess
    expect(PROVINCES.map((p) => p.abbr).join('')).toBe(
      '京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新',
    );
    expect(new Set(PROVINCES.map((p) => p.code)).size).toBe(31);
    expect(provinceByAbbr('鄂')?.code).toBe('42');
    expect(provinceByAbbr('冀')?.code).toBe('13');
    expect(provinceByCode('42')?.name).toBe('湖北省');
  });
});

describe('LicenceNumber.parse', () => {
  it('parses the printed form', () => {
    // Act
    const no = LicenceNumber.parse('(鄂)XK13-001-00042');

    // Assess
    expect(no).toMatchObject({
      province: '鄂',
      provinceCode: '42',
      categoryCode: '13',
      productCode: '001',
      serial: 42,
    });
    expect(no.toString()).toBe('(鄂)XK13-001-00042');
    expect(no.toUrlSafe()).toBe('42-XK13-001-00042');
  });

  it('accepts full-width brackets and hyphens, whitespace around, lower-case xk', () => {
    for (const input of [
      '（鄂）XK13-001-00042',
      ' (鄂)XK13-001-00042\n',
      '（鄂)xk13－001－00042',
      '　(鄂)XK13-001-00042　',
    ]) {
      expect(LicenceNumber.parse(input).toString()).toBe('(鄂)XK13-001-00042');
    }
  });

  it('normalises what a Chinese IME types (NFKC): full-width brackets, letters, digits and hyphens', () => {
    // Act / Assess
    expect(LicenceNumber.parse('（鄂）ＸＫ０６－００１－０００３３').toString()).toBe('(鄂)XK06-001-00033');
    expect(LicenceNumber.parse('（鄂）ｘｋ０６－００１－０００３３').toString()).toBe('(鄂)XK06-001-00033');
    expect(LicenceNumber.parse('４２－ＸＫ０６－００１－０００３３').toString()).toBe('(鄂)XK06-001-00033');
    expect(LicenceNumber.parse('(鄂)XK13-001-0000１').serial).toBe(1);
    expect(LicenceNumber.isValid('（鄂）ＸＫ０６－００１－０００３３')).toBe(true);
  });

  it('still refuses what NFKC does not make a licence number, with the format codes', () => {
    expect(codeOf(() => LicenceNumber.parse('（鄂）ＸＫ０６－００１－０００３'))).toBe('LICENCE_NUMBER_SERIAL');
    expect(codeOf(() => LicenceNumber.parse('（鄂）ＸＫ０６—００１—０００３３'))).toBe('LICENCE_NUMBER_FORMAT'); // em dashes
    expect(codeOf(() => LicenceNumber.parse('%28鄂%29XK06-001-00033'))).toBe('LICENCE_NUMBER_FORMAT'); // still encoded
  });

  it('parses the URL-safe form, in either case', () => {
    expect(LicenceNumber.parse('42-XK13-001-00042').toString()).toBe('(鄂)XK13-001-00042');
    expect(LicenceNumber.parse('13-xk05-001-00001').toString()).toBe('(冀)XK05-001-00001');
  });

  it('names what is wrong', () => {
    expect(codeOf(() => LicenceNumber.parse('hello'))).toBe('LICENCE_NUMBER_FORMAT');
    expect(codeOf(() => LicenceNumber.parse('(鄂)XK13-001'))).toBe('LICENCE_NUMBER_FORMAT');
    expect(codeOf(() => LicenceNumber.parse('(鄂) XK13-001-00001'))).toBe('LICENCE_NUMBER_FORMAT');
    expect(codeOf(() => LicenceNumber.parse('(湖)XK13-001-00001'))).toBe('LICENCE_NUMBER_PROVINCE');
    expect(codeOf(() => LicenceNumber.parse('()XK13-001-00001'))).toBe('LICENCE_NUMBER_PROVINCE');
    expect(codeOf(() => LicenceNumber.parse('99-XK13-001-00001'))).toBe('LICENCE_NUMBER_PROVINCE');
    expect(codeOf(() => LicenceNumber.parse('XK13-001-00001'))).toBe('LICENCE_NUMBER_PROVINCE_MISSING');
    expect(codeOf(() => LicenceNumber.parse('(鄂)XK1-001-00001'))).toBe('LICENCE_NUMBER_CATEGORY_CODE');
    expect(codeOf(() => LicenceNumber.parse('(鄂)XK00-001-00001'))).toBe('LICENCE_NUMBER_CATEGORY_CODE');
    expect(codeOf(() => LicenceNumber.parse('(鄂)XK13-01-00001'))).toBe('LICENCE_NUMBER_PRODUCT_CODE');
    expect(codeOf(() => LicenceNumber.parse('(鄂)XK13-000-00001'))).toBe('LICENCE_NUMBER_PRODUCT_CODE');
    expect(codeOf(() => LicenceNumber.parse('(鄂)XK13-001-0001'))).toBe('LICENCE_NUMBER_SERIAL');
    expect(codeOf(() => LicenceNumber.parse('(鄂)XK13-001-00000'))).toBe('LICENCE_NUMBER_SERIAL');
    expect(codeOf(() => LicenceNumber.parse('(鄂)XK13-001-0000'))).toBe('LICENCE_NUMBER_SERIAL');
  });

  it('reports the field the caller names', () => {
    // Act
    let field: string | undefined;
    try {
      LicenceNumber.parse('(鄂)XK13-001-00000', 'path.licenceNo');
    } catch (e) {
      field = (e as { details: { issues: { field: string }[] } }).details.issues[0]?.field;
    }

    // Assess
    expect(field).toBe('path.licenceNo');
  });
});

describe('LicenceNumber.of', () => {
  it('refuses bad parts', () => {
    const good = { province: '鄂', categoryCode: '13', productCode: '001', serial: 1 };
    expect(codeOf(() => LicenceNumber.of({ ...good, province: 'HB' }))).toBe('LICENCE_NUMBER_PROVINCE');
    expect(codeOf(() => LicenceNumber.of({ ...good, serial: 0 }))).toBe('LICENCE_NUMBER_SERIAL');
    expect(codeOf(() => LicenceNumber.of({ ...good, serial: 100_000 }))).toBe('LICENCE_NUMBER_SERIAL');
    expect(codeOf(() => LicenceNumber.of({ ...good, serial: 1.5 }))).toBe('LICENCE_NUMBER_SERIAL');
    expect(LicenceNumber.of({ ...good, serial: MAX_SERIAL }).toString()).toBe('(鄂)XK13-001-99999');
  });

  it('gives the serial sequence key of a (province, category, product)', () => {
    expect(LicenceNumber.sequenceKey({ province: '鄂', categoryCode: '06', productCode: '001' })).toBe('42-XK06-001');
  });

  it('is an immutable value with value equality and JSON as the printed form', () => {
    // Prepare
    const a = LicenceNumber.parse('(鄂)XK06-001-00007');

    // Assess
    expect(a.equals(LicenceNumber.parse('42-XK06-001-00007'))).toBe(true);
    expect(a.equals(LicenceNumber.parse('42-XK06-001-00008'))).toBe(false);
    expect(JSON.stringify({ a })).toBe('{"a":"(鄂)XK06-001-00007"}');
    expect(Object.isFrozen(a)).toBe(true);
  });
});

describe('round trips (property)', () => {
  it('printed and URL-safe forms both round-trip for every valid number', () => {
    fc.assert(
      fc.property(arbLicenceParts(), (parts) => {
        const no = LicenceNumber.of(parts);
        expect(LicenceNumber.parse(no.toString()).equals(no)).toBe(true);
        expect(LicenceNumber.parse(no.toUrlSafe()).equals(no)).toBe(true);
        expect(LicenceNumber.parse(no.toUrlSafe()).toUrlSafe()).toBe(no.toUrlSafe());
        expect(no.toUrlSafe()).toMatch(/^\d{2}-XK\d{2}-\d{3}-\d{5}$/);
      }),
    );
  });

  it('the URL-safe form is the same under encodeURIComponent and fits a QR alphanumeric segment', () => {
    fc.assert(
      fc.property(arbLicenceParts(), (parts) => {
        const safe = LicenceNumber.of(parts).toUrlSafe();
        expect(encodeURIComponent(safe)).toBe(safe);
        expect(safe).toMatch(/^[0-9A-Z $%*+\-./:]+$/);
      }),
    );
  });
});

describe('nextSerial', () => {
  it('starts at 1, counts up, and refuses past 99999', () => {
    expect(nextSerial(undefined)).toBe(1);
    expect(nextSerial(41)).toBe(42);
    expect(nextSerial(99_998)).toBe(99_999);
    expect(() => nextSerial(99_999)).toThrow(expect.objectContaining({ code: 'SERIAL_EXHAUSTED', kind: 'conflict' }));
    expect(codeOf(() => nextSerial(-3))).toBe('LICENCE_NUMBER_SERIAL');
  });
});
