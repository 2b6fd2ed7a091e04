import { describe, expect, it } from 'vitest';
import { Certificate, MIGRATION_REASONS, type MigrateInput } from '../../../lambdas/domain/certificate';
import { type LocalDate, parseLocalDate } from '../../../lambdas/domain/dates';
import { LicenceNumber } from '../../../lambdas/domain/licence-number';
import { PaperSerial } from '../../../lambdas/domain/paper-serial';
import { catalogue, enterpriseInput } from '../../support/domain-builders';

const d = (text: string): LocalDate => parseLocalDate(text);
const importer = { type: 'system', id: 'import' } as const;

const input = (overrides: Partial<MigrateInput> = {}): MigrateInput => ({
  licenceNumber: LicenceNumber.parse('(鄂)XK06-001-00417'),
  paperSerial: PaperSerial.of(2026, 9),
  enterprise: enterpriseInput(),
  products: ['06-001'],
  catalogue,
  issuingAuthority: '湖北省市场监督管理局',
  issueDate: d('2023-03-01'),
  validUntil: d('2028-02-29'),
  status: 'valid',
  actor: importer,
  at: new Date('2026-12-06T02:00:00Z'),
  reference: 'import:IMP-1:row-2',
  ...overrides,
});

const failure = (attempt: () => unknown) => {
  try {
    attempt();
    return undefined;
  } catch (e) {
    const err = e as { code?: string; details?: { issues?: { field: string }[] } };
    return { code: err.code, fields: err.details?.issues?.map((i) => i.field) ?? [] };
  }
};

describe('Certificate.migrate', () => {
  it('keeps the number and dates of the previous system, and says in the history that it was migrated', () => {
    // Act
    const certificate = Certificate.migrate(input());

    // Assess
    expect(certificate.licenceNumber.toString()).toBe('(鄂)XK06-001-00417');
    expect(certificate.version).toBe(1);
    expect(certificate.revision).toBe(1);
    expect([certificate.firstIssueDate, certificate.issueDate, certificate.validFrom, certificate.validUntil]).toEqual([
      '2023-03-01',
      '2023-03-01',
      '2023-03-01',
      '2028-02-29',
    ]);
    expect(certificate.status).toBe('valid');
    expect(certificate.history).toEqual([
      {
        from: null,
        to: 'valid',
        actor: importer,
        at: '2023-02-28T16:00:00.000Z',
        ...MIGRATION_REASONS.issue,
      },
    ]);
    expect(certificate.lastChange).toMatchObject({ kind: 'migrate', reference: 'import:IMP-1:row-2' });
    expect(Certificate.rehydrate(certificate.toSnapshot()).toSnapshot()).toEqual(certificate.toSnapshot());
  });

  it('brings a revoked licence in revoked, the change dated as recorded, one revision per change', () => {
    // Act
    const certificate = Certificate.migrate(input({ status: 'revoked', statusDate: d('2025-06-30') }));

    // Assess
    expect(certificate.status).toBe('revoked');
    expect(certificate.revision).toBe(2);
    expect(certificate.history.map((h) => [h.from, h.to, h.at])).toEqual([
      [null, 'valid', '2023-02-28T16:00:00.000Z'],
      ['valid', 'revoked', '2025-06-29T16:00:00.000Z'],
    ]);
    expect(certificate.history[1]?.publicReason).toBe(MIGRATION_REASONS.status.publicReason);
    expect(certificate.isLive(d('2026-12-06'))).toBe(false);
  });

  it('dates a status without a recorded date on the import day', () => {
    // Act
    const certificate = Certificate.migrate(input({ status: 'suspended' }));

    // Assess
    expect(certificate.history.at(-1)?.at).toBe('2026-12-05T16:00:00.000Z');
    expect(certificate.effectiveStatus(d('2026-12-06'))).toBe('suspended');
  });

  it('brings an expired licence in valid with its past last day, so it reads as expired', () => {
    // Act
    const certificate = Certificate.migrate(input({ issueDate: d('2020-01-10'), validUntil: d('2025-01-09') }));

    // Assess
    expect(certificate.status).toBe('valid');
    expect(certificate.effectiveStatus(d('2026-12-06'))).toBe('expired');
  });

  it.each([
    ['a last day before the issue date', { validUntil: d('2023-02-28') }, 'validUntil'],
    ['a status date before the issue date', { status: 'cancelled', statusDate: d('2023-02-01') }, 'statusDate'],
    ['an issue date that is no date', { issueDate: '2023-02-30' as LocalDate }, 'issueDate'],
  ] as const)('refuses %s (INVALID_FIELDS)', (_, overrides, field) => {
    // Act
    const found = failure(() => Certificate.migrate(input(overrides as Partial<MigrateInput>)));

    // Assess
    expect(found).toEqual({ code: 'INVALID_FIELDS', fields: [field] });
  });

  it('refuses a licence number whose codes are not the first product’s', () => {
    // Act
    const found = failure(() => Certificate.migrate(input({ products: ['05-001'] })));

    // Assess
    expect(found?.code).toBe('LICENCE_NUMBER_PRODUCT_MISMATCH');
  });

  it('refuses a product not under licence on the issue date', () => {
    // Act
    const found = failure(() =>
      Certificate.migrate(input({ issueDate: d('1990-01-01'), validUntil: d('1994-12-31') })),
    );

    // Assess
    expect(found?.code).toMatch(/PRODUCT_NOT_LICENSABLE|UNKNOWN_PRODUCT/);
  });
});
