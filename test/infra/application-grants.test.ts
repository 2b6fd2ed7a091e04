/** The application functions' grants in the registry: only the decision function may sign or write certificates. */
import { describe, expect, it } from 'vitest';
import { functions } from '../../lambdas/functions';

const byName = (name: string) => functions.find((f) => f.name === name);

describe('application functions', () => {
  it('only issuing functions hold the signing key and write certificates (and the status list is signed with it)', () => {
    const signers = functions.filter((f) => f.grants.signingKey === 'sign').map((f) => f.name);
    const issuing = ['issue-certificate', 'application-decisions', 'workbench', 'import-worker'];
    expect(signers.filter((n) => ![...issuing, 'status-list-publisher'].includes(n))).toEqual([]);
    // The publisher signs the list with the certificate key and touches no bucket.
    expect(byName('status-list-publisher')?.grants.buckets).toBeUndefined();
    expect(byName('application-decisions')?.grants).toMatchObject({
      signingKey: 'sign',
      buckets: { certificates: { grant: 'write', prefix: 'certificates/' } },
    });
    // It re-verifies the kept, checked copies before a step moves an application on: it reads those, nothing else.
    expect(byName('application-decisions')?.grants.buckets?.documents).toEqual({
      grant: 'read',
      prefix: 'applications/*/checked/',
    });
  });

  it('the workbench holds what the API functions its pages stand beside hold: decisions, downloads, the session keys', () => {
    expect(byName('workbench')?.grants).toMatchObject({
      table: 'readwrite',
      signingKey: 'sign',
      buckets: {
        // Written by issuance, read to presign a staff download.
        certificates: { grant: 'readwrite', prefix: 'certificates/' },
        // Opened in the page through short presigned URLs: the kept, checked copies only.
        documents: { grant: 'read', prefix: 'applications/*/checked/' },
      },
      parameters: { consoleSessionKeys: 'read' },
    });
  });

  it('imports touch only imports/ in the documents bucket; only the worker issues', () => {
    expect(byName('imports')?.grants).toMatchObject({
      table: 'readwrite',
      buckets: { documents: { grant: 'readwrite', prefix: 'imports/' } },
    });
    expect(byName('imports')?.grants.signingKey).toBeUndefined();
    expect(byName('import-worker')?.grants).toMatchObject({
      table: 'readwrite',
      signingKey: 'sign',
      buckets: {
        certificates: { grant: 'write', prefix: 'certificates/' },
        documents: { grant: 'readwrite', prefix: 'imports/' },
      },
      parameters: { padesCertificates: 'read' },
    });
  });

  it('uploads touch only applications/ in the documents bucket; reports only read', () => {
    expect(byName('applications')?.grants).toEqual({
      table: 'readwrite',
      buckets: { documents: { grant: 'readwrite', prefix: 'applications/' } },
    });
    expect(byName('stats')?.grants).toEqual({ table: 'read' });
    expect(byName('calendar-admin')?.grants).toEqual({ table: 'readwrite' });
    // A failed or overdue review may suspend or revoke: the change's outbox messages after the commit, nothing more.
    for (const name of ['inspections', 'inspections-overdue']) {
      expect(byName(name)?.grants).toEqual({
        table: 'readwrite',
        queues: {
          dispatch: 'send',
          log: 'send',
          statusList: 'send',
          webhooks: 'send',
          pdfTimestamps: 'send',
          imports: 'send',
        },
      });
    }
  });
});
