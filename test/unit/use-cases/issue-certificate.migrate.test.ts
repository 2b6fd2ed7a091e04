/**
 * issueCertificate with a `migrate` change (the licence import) on the in-memory ports: the licence keeps its number
 * and dates, a new licence of its sequence continues after it, the audit says migrated; a licence migrated revoked
 * carries its status change's log entry and status-list message in the same commit; a licence number already in the
 * register and an enterprise holding a live licence are refused with their codes; a retry replays.
 */
import { describe, expect, it } from 'vitest';
import { type LocalDate, parseLocalDate } from '../../../lambdas/domain/dates';
import { LicenceNumber } from '../../../lambdas/domain/licence-number';
import type { MigratedLicence } from '../../../lambdas/use-cases/issuance-plan';
import { type IssueCertificateInput, issueCertificate } from '../../../lambdas/use-cases/issue-certificate';
import { enterpriseFor, FakeWorld, fakeIssuanceDeps, issued } from '../../support/fakes';

const d = (text: string): LocalDate => parseLocalDate(text);
const importer = { type: 'system', id: 'import:IMP-1' } as const;

const licence = (overrides: Partial<MigratedLicence> = {}): MigratedLicence => ({
  licenceNo: LicenceNumber.parse('(鄂)XK06-001-00417'),
  enterprise: enterpriseFor(41),
  products: ['06-001'],
  issueDate: d('2023-03-01'),
  validUntil: d('2028-02-29'),
  status: 'valid',
  ...overrides,
});

const migrate = (overrides: Partial<MigratedLicence> = {}, key = 'import:IMP-1:2'): IssueCertificateInput => ({
  change: { kind: 'migrate', licence: licence(overrides) },
  actor: importer,
  idempotencyKey: key,
  source: 'import:IMP-1',
});

function world() {
  const w = new FakeWorld({ at: '2026-12-06T10:00:00+08:00' });
  return { w, deps: fakeIssuanceDeps(w) };
}

describe('issueCertificate: a migrated licence', () => {
  it('keeps its number and dates, is audited as migrated, and new licences of its sequence continue after it', async () => {
    // Prepare
    const { w, deps } = world();

    // Act
    const result = await issueCertificate(deps, migrate());
    const next = await issued(w, { seed: 7 });

    // Assess
    expect(result.certificate.licenceNumber.toString()).toBe('(鄂)XK06-001-00417');
    expect([result.certificate.issueDate, result.certificate.validUntil]).toEqual(['2023-03-01', '2028-02-29']);
    expect(result.certificate.lastChange.kind).toBe('migrate');
    expect(result.version.qrText).toMatch(/^https:\/\//);
    const audit = w.table.audit.get(result.certificate.licenceNumber.toUrlSafe()) ?? [];
    expect(audit.map((e) => e.action)).toEqual(['certificate.migrated']);
    expect(next.certificate.licenceNumber.toString()).toBe('(鄂)XK06-001-00418');
  });

  it('brings a revoked licence in with its status change logged and announced to the status list', async () => {
    // Prepare
    const { w, deps } = world();

    // Act
    const result = await issueCertificate(deps, migrate({ status: 'revoked', statusDate: d('2025-06-30') }));

    // Assess
    expect(result.certificate.status).toBe('revoked');
    const lic = result.certificate.licenceNumber.toUrlSafe();
    expect(w.publisher.sent.map((m) => `${m.topic}#${m.id}`)).toEqual(
      expect.arrayContaining([`log#issuance.${lic}.v1`, `log#status.${lic}.r2`, `statusList#status.${lic}.r2`]),
    );
  });

  it('replays a retry of the same row, and refuses a number already in the register', async () => {
    // Prepare
    const { deps } = world();
    const first = await issueCertificate(deps, migrate());

    // Act
    const retry = await issueCertificate(deps, migrate());
    const again = await issueCertificate(deps, migrate({}, 'import:IMP-2:2')).catch((e: unknown) => e);

    // Assess
    expect(retry.replayed).toBe(true);
    expect(retry.version.qrText).toBe(first.version.qrText);
    expect(again).toMatchObject({ code: 'LICENCE_ALREADY_REGISTERED' });
  });

  it('refuses a licence of an enterprise that holds a live licence here (one enterprise, one certificate)', async () => {
    // Prepare
    const { w, deps } = world();
    const held = await issued(w, { seed: 41 });

    // Act
    const refused = await issueCertificate(deps, migrate()).catch((e: unknown) => e);

    // Assess
    expect(refused).toMatchObject({
      code: 'ENTERPRISE_HOLDS_LICENCE',
      details: { licenceNo: held.certificate.licenceNumber.toString() },
    });
  });
});
