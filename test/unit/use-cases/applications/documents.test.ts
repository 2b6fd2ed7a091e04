/**
 * The staff's document read, at the use case: should a non-staff caller get past the route's role check, it learns
 * nothing about another enterprise's application (404) and is refused its own (403). No network: the one port this
 * path touches is faked.
 */
import { describe, expect, test } from 'vitest';
import type { ApplicationSnapshot } from '../../../../lambdas/domain/application';
import type { ApplicationDeps } from '../../../../lambdas/use-cases/applications/deps';
import { readDocumentContent } from '../../../../lambdas/use-cases/applications/documents';

const OWN = '91420100MA4K0A0A1E';
const application = { id: 'APP-20261127-K3M9Q2ZT7A', uscc: OWN } as ApplicationSnapshot;
const deps = {
  applications: { get: async (id: string) => (id === application.id ? application : undefined) },
} as unknown as ApplicationDeps;
const input = (uscc: string, applicationId = application.id) => ({
  viewer: { kind: 'enterprise', id: 'ent-1', uscc } as const,
  applicationId,
  documentId: 'DOC-1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
});

describe('readDocumentContent for a non-staff caller', () => {
  test('another enterprise’s application, or none: 404 APPLICATION_NOT_FOUND alike', async () => {
    for (const attempt of [input('91420100MA4K0A0A2C'), input(OWN, 'APP-20261127-AAAAAAAAAA')]) {
      await expect(readDocumentContent(deps, attempt)).rejects.toMatchObject({
        kind: 'not-found',
        code: 'APPLICATION_NOT_FOUND',
      });
    }
  });

  test('its own application: 403, staff only', async () => {
    await expect(readDocumentContent(deps, input(OWN))).rejects.toMatchObject({
      kind: 'forbidden',
      code: 'FORBIDDEN',
    });
  });
});
