import { describe, expect, it } from 'vitest';
import { PostalAddressBody } from '../../../lambdas/contracts/postal-address';
import {
  addressLine,
  maskAddress,
  normalisePhone,
  parsePostalAddress,
  postalAddressFromItem,
} from '../../../lambdas/domain/postal-address';
import { issuesOf } from '../../support/thrown';

const valid = {
  recipient: '张三丰',
  phone: '138 1234 5678',
  address: { province: '湖北省', city: '武汉市', district: '洪山区', detail: '珞喻路1037号' },
  postcode: '430074',
};

describe('normalisePhone', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['+86 138-1234-5678', '13812345678'],
    ['8619912345678', '19912345678'],
    ['027-87654321', '027-87654321'],
    ['02787654321', '027-87654321'],
    ['010-6512345', '010-6512345'],
    ['0710-3456789', '0710-3456789'],
    ['07103456789', '0710-3456789'],
    ['027-87654321-123', '027-87654321-123'],
    ['027-87654321转8', '027-87654321-8'],
    ['(027) 8765 4321', '027-87654321'],
    ['０２７－８７６５４３２１', '027-87654321'],
  ])('accepts %s as %s', (raw, expected) => {
    // Act
    const phone = normalisePhone(raw);

    // Assess
    expect(phone).toBe(expected);
  });

  it.each(['12812345678', '1381234567', '87654321', '027-1234567', '027-0765432', 'abc', '138123456789'])(
    'refuses %s',
    (raw) => {
      // Act
      const phone = normalisePhone(raw);

      // Assess
      expect(phone).toBeUndefined();
    },
  );
});

describe('parsePostalAddress', () => {
  it('returns a frozen, normalised address', () => {
    // Act
    const a = parsePostalAddress(valid, 'paperCopy.address');

    // Assess
    expect(a).toEqual({ ...valid, phone: '13812345678' });
    expect(Object.isFrozen(a)).toBe(true);
    expect(addressLine(a.address)).toBe('湖北省武汉市洪山区珞喻路1037号');
  });

  it('accepts a one-line address and a landline with extension', () => {
    // Act
    const a = parsePostalAddress(
      { recipient: '李四', phone: '027-87654321-8', address: '  湖北省武汉市洪山区珞喻路1号 ', postcode: ' 430074' },
      'a',
    );

    // Assess
    expect(a.address).toEqual({ line: '湖北省武汉市洪山区珞喻路1号' });
    expect(a.phone).toBe('027-87654321-8');
    expect(a.postcode).toBe('430074');
  });

  it('reads back its own stored form, one-line addresses included', () => {
    // Prepare
    const structured = parsePostalAddress(valid, 'a');
    const line = parsePostalAddress({ ...valid, address: '湖北省武汉市洪山区珞喻路1号' }, 'a');

    // Act
    const again = [structured, line].map((a) => postalAddressFromItem(JSON.parse(JSON.stringify(a))));

    // Assess
    expect(again).toEqual([structured, line]);
  });

  it('names every bad field at once', () => {
    // Act
    const result = issuesOf(() =>
      parsePostalAddress(
        { recipient: '', phone: '12345', address: { province: '湖北省', city: '', detail: 'x' }, postcode: '43007' },
        'paperCopy.address',
      ),
    );

    // Assess
    expect(result.code).toBe('INVALID_FIELDS');
    expect(result.fields).toEqual([
      'paperCopy.address.recipient',
      'paperCopy.address.phone',
      'paperCopy.address.address.city',
      'paperCopy.address.postcode',
    ]);
  });

  it('refuses over-long recipients and addresses, counted in characters', () => {
    // Act
    const result = issuesOf(() =>
      parsePostalAddress({ ...valid, recipient: '张'.repeat(51), address: '路'.repeat(201) }, 'a'),
    );

    // Assess
    expect(result.fields).toEqual(['a.recipient', 'a.address']);
  });

  it('refuses control characters and a missing object', () => {
    // Act
    const control = issuesOf(() => parsePostalAddress({ ...valid, recipient: '张\u202E三' }, 'a'));
    const missing = issuesOf(() => parsePostalAddress(undefined, 'a'));

    // Assess
    expect(control.fields).toEqual(['a.recipient']);
    expect(missing).toEqual({ code: 'INVALID_FIELDS', fields: ['a'] });
  });
});

describe('maskAddress', () => {
  it('hides the name, the middle of the phone and the street', () => {
    // Prepare
    const a = parsePostalAddress(valid, 'a');

    // Act
    const masked = maskAddress(a);

    // Assess
    expect(masked).toEqual({
      recipient: '张**',
      phone: '138****5678',
      address: '湖北省武汉市洪山区****',
      postcode: '430***',
    });
    expect(JSON.stringify(masked)).not.toContain('珞喻路');
  });

  it('masks two-character names and landlines', () => {
    // Prepare
    const a = parsePostalAddress(
      { ...valid, recipient: '张三', phone: '027-87654321', address: '湖北省武汉市洪山区珞喻路1号' },
      'a',
    );

    // Act
    const masked = maskAddress(a);

    // Assess
    expect(masked.recipient).toBe('张*');
    expect(masked.phone).toBe('027-****4321');
    expect(masked.address).not.toContain('珞喻路');
  });
});

describe('PostalAddressBody', () => {
  it('accepts both address forms and refuses unknown keys', () => {
    // Act
    const structured = PostalAddressBody.safeParse(valid);
    const line = PostalAddressBody.safeParse({ ...valid, address: '湖北省武汉市洪山区珞喻路1号' });
    const extra = PostalAddressBody.safeParse({ ...valid, email: 'x@example.cn' });

    // Assess
    expect(structured.success).toBe(true);
    expect(line.success).toBe(true);
    expect(extra.success).toBe(false);
  });
});
