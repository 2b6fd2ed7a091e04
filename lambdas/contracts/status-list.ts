/**
 * The signed bulk status list's public routes (`docs/status-list.md`): the list itself — a Token Status List in JWT
 * form, one download for every licence — and the lookup of one entry for people and scripts that hold an index.
 */
import * as z from 'zod/mini';
import { defineRoute } from './route';

export const statusListRoute = defineRoute({
  operationId: 'getStatusList',
  method: 'GET',
  path: '/status-lists/1',
  summary: 'The signed status list of every licence (Token Status List, 2 bits a licence)',
  description:
    'A `statuslist+jwt` (draft-ietf-oauth-status-list) signed with ES256 by the authority’s current certificate key ' +
    '(its `kid` is in `/.well-known/jwks.json`): 131,072 entries, 0 valid, 1 revoked, 2 suspended, 3 cancelled; ' +
    'expiry is not in the list. A licence’s index is its certificate’s `statusListIndex`. Rebuilt within seconds of ' +
    'each status change; cacheable 5 seconds (`ETag`, `If-None-Match` answers 304). 404 `STATUS_LIST_NOT_PUBLISHED` ' +
    'before the first list of a new deployment (minutes at most).',
  tags: ['status-list'],
  access: 'public',
  request: {
    headers: z.object({
      'if-none-match': z
        .optional(z.string().check(z.maxLength(200)))
        .check(z.describe('The `ETag` of a list you hold: 304 if it is current')),
    }),
  },
  responses: {
    200: {
      description: 'The signed list (compact JWS)',
      contentType: 'application/statuslist+jwt',
      headers: {
        'cache-control': { description: '`public, max-age=5`' },
        etag: { description: 'Changes with each publication' },
      },
    },
    304: { description: 'The list named by `If-None-Match` is still the current one' },
  },
});

export const StatusListEntryBody = z
  .object({
    list: z.string().check(z.describe('The list’s URL (its `sub`)')),
    index: z.number().check(z.int()),
    status: z.enum(['valid', 'suspended', 'revoked', 'cancelled']),
    statusValue: z.number().check(z.int(), z.minimum(0), z.maximum(3), z.describe('The entry as the list holds it')),
    listIssuedAt: z.string().check(z.describe('When the list read was signed (`iat`), RFC 3339')),
    listExpiresAt: z.string().check(z.describe('When it stops being valid (`exp`), RFC 3339')),
    note: z.string().check(z.describe('Expiry is not in the list: check the certificate’s validity dates')),
  })
  .check(z.meta({ id: 'StatusListEntry' }));

export const statusListEntryRoute = defineRoute({
  operationId: 'getStatusListEntry',
  method: 'GET',
  path: '/status-lists/1/{index}',
  summary: 'One entry of the status list, read from the published list',
  description:
    'The status at a licence’s index, as the published list says it (unsigned: for a statement you can keep, ' +
    'download and verify the list). 400 `STATUS_LIST_INDEX_OUT_OF_RANGE` for anything but a whole number from 0 to ' +
    '131071; 404 `STATUS_LIST_INDEX_NOT_ALLOCATED` for an index no licence holds.',
  tags: ['status-list'],
  access: 'public',
  request: {
    params: z.object({ index: z.string().check(z.maxLength(32), z.describe('A whole number from 0 to 131071')) }),
  },
  responses: {
    200: {
      description: 'The entry',
      schema: StatusListEntryBody,
      example: {
        list: 'https://permit.amr.hubei.gov.cn/status-lists/1',
        index: 4711,
        status: 'suspended',
        statusValue: 2,
        listIssuedAt: '2026-12-06T02:00:00.000Z',
        listExpiresAt: '2026-12-07T02:00:00.000Z',
        note: '状态列表不含有效期，请核对证书的有效期。Expiry is not in the list: check the certificate’s validity dates.',
      },
    },
  },
});
