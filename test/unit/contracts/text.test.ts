/**
 * Every free-text field of the request contracts applies the printable-text policy at the edge, and the request
 * parser answers with the refinement's own code (TEXT_NOT_PRINTABLE, FILE_NAME_INVALID) naming the field.
 */
import { describe, expect, test } from 'vitest';
import type { z } from 'zod';
import {
  decideApplicationRoute,
  FileApplicationBody,
  reviewApplicationRoute,
  submitApplicationRoute,
  UploadRequestBody,
} from '../../../lambdas/contracts/applications';
import { ChangeStatusBody, IssueCertificateBody } from '../../../lambdas/contracts/certificates';
import { InspectionResultBody } from '../../../lambdas/contracts/inspections';
import { defineRoute } from '../../../lambdas/contracts/route';
import { isPermitError } from '../../../lambdas/domain/errors';
import { parseRequest } from '../../../lambdas/shared/http';
import { buildHttpApiEvent } from '../../../lib/local/http-event';

const ZWSP = '\u200B';
const enterprise = {
  name: '湖北楚天食品包装有限公司',
  uscc: '91420100MA4K2X1R09',
  domicile: '湖北省武汉市东西湖区革新大道88号',
  productionAddresses: ['湖北省武汉市东西湖区革新大道88号'],
};
const licenceNo = '(鄂)XK16-204-00001';

/** The custom code and path of the first refinement issue, or 'ok'. */
function outcome(schema: z.ZodType, body: unknown): string {
  const result = schema.safeParse(body);
  if (result.success) return 'ok';
  const issue = result.error.issues[0];
  const code = issue?.code === 'custom' ? (issue.params as { code?: string } | undefined)?.code : issue?.code;
  return `${code} ${issue?.path.join('.')}`;
}

describe('free-text fields of the contracts', () => {
  test.each<[string, z.ZodType, unknown, string]>([
    [
      'enterprise name',
      FileApplicationBody,
      { kind: 'new', enterprise: { ...enterprise, name: `楚天${ZWSP}` }, products: ['16-204'] },
      'enterprise.name',
    ],
    [
      'amended domicile',
      FileApplicationBody,
      { kind: 'amend', licenceNo, changes: { domicile: `武汉${ZWSP}` } },
      'changes.domicile',
    ],
    ['cancellation reason', FileApplicationBody, { kind: 'cancel', licenceNo, reason: `注销${ZWSP}` }, 'reason'],
    ['reissue reason', FileApplicationBody, { kind: 'reissue', licenceNo, reason: '遗失\u0000' }, 'reason'],
    ['submit comment', submitApplicationRoute.request.body, { comment: `请审核${ZWSP}` }, 'comment'],
    ['review comment', reviewApplicationRoute.request.body, { action: 'reject', comment: '\u202E不全' }, 'comment'],
    [
      'decision comment',
      decideApplicationRoute.request.body,
      { decision: 'refuse', comment: `不符${ZWSP}` },
      'comment',
    ],
    [
      'inspection findings',
      InspectionResultBody,
      { outcome: 'rectify', rectifyBy: '2026-12-01', findings: `整改${ZWSP}` },
      'findings',
    ],
    [
      'inspector',
      InspectionResultBody,
      { outcome: 'fail', findings: '不符', inspectors: [`张三${ZWSP}`] },
      'inspectors.0',
    ],
    [
      'public reason',
      ChangeStatusBody,
      { action: 'suspend', publicReason: `整改${ZWSP}`, legalBasis: '条例' },
      'publicReason',
    ],
    [
      'legal basis',
      ChangeStatusBody,
      { action: 'suspend', publicReason: '整改', legalBasis: `条例${ZWSP}` },
      'legalBasis',
    ],
    [
      'internal notes',
      ChangeStatusBody,
      { action: 'suspend', publicReason: '整改', legalBasis: '条例', internalNotes: `内部${ZWSP}` },
      'internalNotes',
    ],
    [
      'issuance decision',
      IssueCertificateBody,
      { enterprise, products: ['06-001'], decision: { publicReason: `准予${ZWSP}`, legalBasis: '条例' } },
      'decision.publicReason',
    ],
    [
      'file name',
      UploadRequestBody,
      { type: 'test-report', fileName: `报告${ZWSP}.pdf`, contentType: 'application/pdf', size: 1 },
      'fileName',
    ],
  ])('%s: refused with TEXT_NOT_PRINTABLE', (_, schema, body, path) => {
    expect(outcome(schema, body)).toBe(`TEXT_NOT_PRINTABLE ${path}`);
  });

  test('multi-line fields take line feeds; one-line fields do not; rare characters the font has pass', () => {
    expect(outcome(reviewApplicationRoute.request.body, { action: 'reject', comment: '材料不全。\r\n请补充。' })).toBe(
      'ok',
    );
    expect(outcome(InspectionResultBody, { outcome: 'rectify', rectifyBy: '2026-12-01', findings: '一\n二' })).toBe(
      'ok',
    );
    expect(outcome(FileApplicationBody, { kind: 'cancel', licenceNo, reason: '一\n二' })).toBe(
      'TEXT_NOT_PRINTABLE reason',
    );
    expect(outcome(FileApplicationBody, { kind: 'amend', licenceNo, changes: { name: '堃猇𣲗有限公司' } })).toBe('ok');
  });

  test('a file name that is a path: FILE_NAME_INVALID', () => {
    const body = (fileName: string) => ({ type: 'test-report', fileName, contentType: 'application/pdf', size: 1 });
    expect(outcome(UploadRequestBody, body('../etc/passwd'))).toBe('FILE_NAME_INVALID fileName');
    expect(outcome(UploadRequestBody, body('C:\\报告.pdf'))).toBe('FILE_NAME_INVALID fileName');
    expect(outcome(UploadRequestBody, body('检测报告（2026）.pdf'))).toBe('ok');
  });
});

describe('the request parser', () => {
  test('answers a refinement with its own code, naming the field and the character', () => {
    // Prepare
    const route = defineRoute({
      operationId: 'submit',
      method: 'POST',
      path: '/v1/x',
      summary: 'x',
      tags: ['t'],
      access: 'public',
      request: { body: submitApplicationRoute.request.body },
      responses: { 200: { description: 'ok' } },
    });
    const event = buildHttpApiEvent(
      {
        method: 'POST',
        url: '/v1/x',
        rawHeaders: ['Content-Type', 'application/json'],
        body: Buffer.from(JSON.stringify({ comment: `请审核${ZWSP}😀` })),
        sourceIp: '127.0.0.1',
        localPort: 3000,
        httpVersion: '1.1',
      },
      { routeKey: 'POST /v1/x', pathParameters: {} },
      { requestId: 'r', now: new Date(0), accountId: '000000000000', apiId: 'local' },
    );

    // Act
    let thrown: unknown;
    try {
      parseRequest(route, event, 'c');
    } catch (error) {
      thrown = error;
    }

    // Assess
    expect(isPermitError(thrown) && thrown.kind).toBe('invalid');
    expect(isPermitError(thrown) && thrown.code).toBe('TEXT_NOT_PRINTABLE');
    expect(isPermitError(thrown) && thrown.details.issues).toEqual([
      { field: 'body.comment', message: 'contains characters the certificate cannot print: U+200B, U+1F600 😀' },
    ]);
  });
});
