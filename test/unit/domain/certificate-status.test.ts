import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  CERTIFICATE_STATUSES,
  isFinalStatus,
  nextStatus,
  STATUS_ACTIONS,
  statusChange,
} from '../../../lambdas/domain/certificate-status';

describe('status transitions', () => {
  it('allows exactly the documented transitions', () => {
    // Prepare
    const table = Object.fromEntries(
      CERTIFICATE_STATUSES.map((from) => [
        from,
        Object.fromEntries(
          STATUS_ACTIONS.map((action) => {
            try {
              return [action, nextStatus(from, action)];
            } catch (e) {
              return [action, (e as { code: string }).code];
            }
          }),
        ),
      ]),
    );

    // Assess
    expect(table).toEqual({
      valid: { suspend: 'suspended', reinstate: 'ILLEGAL_TRANSITION', revoke: 'revoked', cancel: 'cancelled' },
      suspended: { suspend: 'ILLEGAL_TRANSITION', reinstate: 'valid', revoke: 'revoked', cancel: 'cancelled' },
      revoked: {
        suspend: 'ILLEGAL_TRANSITION',
        reinstate: 'ILLEGAL_TRANSITION',
        revoke: 'ILLEGAL_TRANSITION',
        cancel: 'ILLEGAL_TRANSITION',
      },
      cancelled: {
        suspend: 'ILLEGAL_TRANSITION',
        reinstate: 'ILLEGAL_TRANSITION',
        revoke: 'ILLEGAL_TRANSITION',
        cancel: 'ILLEGAL_TRANSITION',
      },
    });
  });

  it('explains an illegal transition as a conflict listing what is allowed', () => {
    // Act
    let error: { kind?: string; details?: unknown } = {};
    try {
      nextStatus('suspended', 'suspend');
    } catch (e) {
      error = e as typeof error;
    }

    // Assess
    expect(error.kind).toBe('conflict');
    expect(error.details).toEqual({ from: 'suspended', action: 'suspend', allowed: ['reinstate', 'revoke', 'cancel'] });
    expect(allowedActions('revoked')).toEqual([]);
    expect(isFinalStatus('cancelled')).toBe(true);
    expect(isFinalStatus('suspended')).toBe(false);
  });
});

describe('statusChange records', () => {
  const at = new Date('2026-10-01T02:00:00Z');

  it('are trimmed, frozen, and keep internal notes optional', () => {
    // Act
    const record = statusChange('valid', 'suspended', { type: 'system', id: ' review-job ' }, at, {
      publicReason: ' 现场审查未通过 ',
      legalBasis: '《工业产品生产许可证管理条例实施办法》',
    });

    // Assess
    expect(record).toEqual({
      from: 'valid',
      to: 'suspended',
      actor: { type: 'system', id: 'review-job' },
      at: '2026-10-01T02:00:00.000Z',
      publicReason: '现场审查未通过',
      legalBasis: '《工业产品生产许可证管理条例实施办法》',
    });
    expect(Object.isFrozen(record)).toBe(true);
  });

  it('refuse missing reasons and bad actors, naming each field', () => {
    // Act
    const fieldsOf = (attempt: () => unknown) => {
      try {
        attempt();
        return [];
      } catch (e) {
        return (e as { details: { issues: { field: string }[] } }).details.issues.map((i) => i.field);
      }
    };

    // Assess
    expect(
      fieldsOf(() =>
        statusChange('valid', 'revoked', { type: 'user', id: 'u1' }, at, { publicReason: '', legalBasis: ' ' }),
      ),
    ).toEqual(['publicReason', 'legalBasis']);
    expect(
      fieldsOf(() =>
        statusChange('valid', 'revoked', { type: 'robot' as 'user', id: '' }, at, {
          publicReason: 'a',
          legalBasis: 'b',
        }),
      ),
    ).toEqual(['actor.type', 'actor.id']);
    expect(
      fieldsOf(() =>
        statusChange('valid', 'revoked', { type: 'user', id: 'u1' }, at, {
          publicReason: 'a\u202Eb',
          legalBasis: 'b',
          internalNotes: 'x'.repeat(2001),
        }),
      ),
    ).toEqual(['publicReason', 'internalNotes']);
  });
});
