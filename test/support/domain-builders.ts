/**
 * Builders for certificate tests: the seed catalogue, a valid enterprise, actors and an issued certificate.
 *
 * @example
 * const { certificate, clock } = issued();
 */

import { ManualClock } from '../../lambdas/adapters/clock/manual-clock';
import { seedCatalogue } from '../../lambdas/domain/catalogue-seed';
import { Certificate, type IssueInput } from '../../lambdas/domain/certificate';
import type { Actor } from '../../lambdas/domain/certificate-status';
import type { EnterpriseInput } from '../../lambdas/domain/enterprise';
import { LicenceNumber } from '../../lambdas/domain/licence-number';
import { PaperSerial } from '../../lambdas/domain/paper-serial';
import { usccWithCheck } from '../../lambdas/domain/uscc';

export const catalogue = seedCatalogue();

export const officer: Actor = { type: 'user', id: 'officer-7', role: 'officer' };
export const system: Actor = { type: 'system', id: 'inspection-scheduler' };

export const enterpriseInput = (overrides: Partial<EnterpriseInput> = {}): EnterpriseInput => ({
  name: '武汉长江线缆有限公司',
  uscc: usccWithCheck('91420100MA4K00001'),
  domicile: '湖北省武汉市东湖新技术开发区光谷大道1号',
  productionAddresses: ['湖北省武汉市东湖新技术开发区光谷大道1号A栋'],
  ...overrides,
});

/** Paper serials in allocation order: 20260000001, 20260000002, … */
export function paperSerials(year = 2026): () => PaperSerial {
  let last: PaperSerial | undefined;
  return () => {
    last = PaperSerial.next(last, year);
    return last;
  };
}

export const decision = { publicReason: '准予许可 / Licence granted', legalBasis: '《工业产品生产许可证管理条例》' };

/** Issue a wires-and-cables certificate on 2026-09-28 09:00 Shanghai time (overridable). */
export function issued(overrides: Partial<IssueInput> = {}, start = '2026-09-28T09:00:00+08:00') {
  const clock = new ManualClock(start);
  const nextPaper = paperSerials();
  const certificate = Certificate.issue({
    licenceNumber: LicenceNumber.of({ province: '鄂', categoryCode: '06', productCode: '001', serial: 1 }),
    paperSerial: nextPaper(),
    enterprise: enterpriseInput(),
    products: ['06-001'],
    catalogue,
    issuingAuthority: '湖北省市场监督管理局',
    decision,
    actor: officer,
    at: clock.now(),
    ...overrides,
  });
  return { certificate, clock, nextPaper };
}
