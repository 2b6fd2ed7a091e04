import type { CertificateClaims } from '../../lambdas/domain/signing/qr-claims';

/** Claims for tests; the USCC has a valid GB 32100 check character. */
export const claims = (over: Partial<CertificateClaims> = {}): CertificateClaims => ({
  licenceNo: '(鄂)XK13-001-00001',
  version: 2,
  uscc: '91420100MA4K2X1R09',
  issueDate: '2026-09-28',
  validUntil: '2031-09-27',
  signedAt: Date.parse('2026-09-28T09:30:00+08:00') / 1000,
  ...over,
});
