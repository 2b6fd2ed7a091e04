import { describe, expect, it } from 'vitest';
import { CERTIFICATE_STATUSES } from '../../../../lambdas/domain/certificate-status';
import {
  LICENCE_STATUS_VALUES,
  licenceStatusOf,
  statusValueOf,
} from '../../../../lambdas/domain/status-list/licence-status';
import { codeOf } from '../../../support/thrown';

describe('licence statuses as status list values', () => {
  it('maps the draft’s registry: valid 0x00, revoked 0x01 (INVALID), suspended 0x02, cancelled 0x03 (application-specific)', () => {
    // Act
    const values = CERTIFICATE_STATUSES.map((s) => [s, statusValueOf(s)]);

    // Assess
    expect(Object.fromEntries(values)).toEqual({ valid: 0, revoked: 1, suspended: 2, cancelled: 3 });
    expect(LICENCE_STATUS_VALUES).toEqual({ valid: 0, revoked: 1, suspended: 2, cancelled: 3 });
  });

  it('reads every 2-bit value back as the status it stands for', () => {
    // Act
    const statuses = [0, 1, 2, 3].map(licenceStatusOf);

    // Assess
    expect(statuses).toEqual(['valid', 'revoked', 'suspended', 'cancelled']);
    for (const s of CERTIFICATE_STATUSES) expect(licenceStatusOf(statusValueOf(s))).toBe(s);
  });

  it('has no value for expired, which is computed from the validity, and none past 3', () => {
    // Act
    const [expired, four] = [codeOf(() => statusValueOf('expired' as never)), codeOf(() => licenceStatusOf(4))];

    // Assess
    expect(expired).toBe('STATUS_LIST_ENTRY_INVALID');
    expect(four).toBe('STATUS_LIST_MALFORMED');
  });
});
