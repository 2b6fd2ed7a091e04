/**
 * The adapter's own check of a position before it reaches DynamoDB: exactly the key attributes of the table (and
 * of the index queried), non-empty strings, in the partition the query names. Anything else is INVALID_CURSOR.
 */
import { describe, expect, test } from 'vitest';
import { decodeCursor, startKeyFor } from '../../../../lambdas/adapters/dynamo/pagination';
import { PermitError } from '../../../../lambdas/domain/errors';

const byStatus = {
  IndexName: 'gsi2',
  KeyConditionExpression: 'gsi2pk = :pk',
  ExpressionAttributeValues: { ':pk': 'CERTSTATUS#valid' },
};
const audit = {
  KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
  ExpressionAttributeValues: { ':pk': 'CERT#42-XK06-001-00001', ':p': 'AUDIT#' },
};
const position = { pk: 'CERT#42-XK06-001-00001', sk: '#HEAD', gsi2pk: 'CERTSTATUS#valid', gsi2sk: '2026-11-27#x' };

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof PermitError ? error.code : 'NOT_A_PERMIT_ERROR';
  }
};

describe('startKeyFor', () => {
  test('accepts the key of the index queried, in its partition', () => {
    expect(startKeyFor(position, byStatus)).toEqual(position);
    expect(startKeyFor({ pk: 'CERT#42-XK06-001-00001', sk: 'AUDIT#2026#x' }, audit)).toBeDefined();
  });

  test.each([
    ['an extra attribute', { ...position, evil: 'x' }],
    ['a missing attribute', { pk: position.pk, sk: position.sk, gsi2pk: position.gsi2pk }],
    ['another index’s attributes', { pk: position.pk, sk: position.sk, gsi1pk: 'x', gsi1sk: 'y' }],
    ['a number', { ...position, gsi2sk: 5 }],
    ['a DynamoDB-typed value', { ...position, pk: { S: 'x' } }],
    ['an empty string', { ...position, sk: '' }],
    ['an oversized value', { ...position, sk: 'x'.repeat(2049) }],
    ['another partition', { ...position, gsi2pk: 'CERTSTATUS#revoked' }],
    ['nothing', {}],
  ])('refuses %s', (_, key) => {
    expect(codeOf(() => startKeyFor(key as Record<string, unknown>, byStatus))).toBe('INVALID_CURSOR');
  });

  test('refuses a table key from another partition on a table query', () => {
    expect(codeOf(() => startKeyFor({ pk: 'CERT#42-XK06-001-00002', sk: 'AUDIT#x' }, audit))).toBe('INVALID_CURSOR');
  });
});

describe('decodeCursor', () => {
  test.each([
    ['characters outside base64url', '%%%'],
    ['not JSON', 'bm90LWEta2V5'],
    ['a JSON array', Buffer.from('[1]').toString('base64url')],
    ['longer than 2048 characters', 'A'.repeat(2049)],
  ])('refuses %s', (_, cursor) => {
    expect(codeOf(() => decodeCursor(cursor))).toBe('INVALID_CURSOR');
  });
});
