/**
 * What the local runtime acknowledges survives DynamoDB Local being killed outright: a certificate answered `201`,
 * then `kill -9` of the Java process at once, is there after a restart on the same data directory, and its QR
 * verifies. (DynamoDB Local itself answers a transaction a few milliseconds before its commit is written; without the
 * runtime's commit barrier most of these kills lost the issuance — see docs/storage.md.)
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type CertificateJson, issueBody, jsonRequest, readJson } from '../../support/certificates';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

const KILLS = 3;

let current: TestRuntime | undefined;
let dataDir: string | undefined;

afterAll(async () => {
  await current?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Start on the data directory (and, after the first start, the same ports: handlers keep their cold-start config). */
async function start(previous?: TestRuntime): Promise<TestRuntime> {
  return startTestRuntime({
    ownEmulators: true,
    inMemoryDynamo: false,
    keepDataDir: true,
    pollers: false,
    schedules: false,
    ...(previous
      ? {
          dataDir: previous.dataDir,
          port: previous.ports.gateway,
          emulatorPorts: { dynamodb: previous.ports.dynamodb, s3: previous.ports.s3, sqs: previous.ports.sqs },
        }
      : {}),
  });
}

type Issued = CertificateJson & { licenceNoUrlSafe: string; qr: { text: string } };

const acknowledged: Issued[] = [];

beforeAll(async () => {
  current = await start();
  dataDir = current.dataDir;
});

for (let round = 1; round <= KILLS; round++) {
  test(`a 201 survives kill -9 of DynamoDB Local right after it (${round} of ${KILLS})`, async () => {
    // Prepare
    const runtime = current as TestRuntime;

    // Act: issue, and kill Java the moment the 201 is in; start again on the same directory
    const res = await runtime.request('/v1/certificates', {
      as: 'officer',
      ...jsonRequest(issueBody({ seed: 900 + round })),
    });
    process.kill(runtime.emulators?.dynamodb.pid as number, 'SIGKILL');
    expect(res.status).toBe(201);
    acknowledged.push(await readJson<Issued>(res));
    await runtime.stop();
    current = await start(runtime);

    // Assess: everything acknowledged so far is there, and its QR verifies
    for (const certificate of acknowledged) {
      const found = await current.request(`/v1/certificates/${certificate.licenceNoUrlSafe}`, { as: 'officer' });
      expect(found.status, `${certificate.licenceNo} after kill ${round}`).toBe(200);
      const verified = await fetch(certificate.qr.text, { headers: { accept: 'application/json' } });
      expect(await verified.json()).toMatchObject({ verdict: 'valid' });
    }
  });
}
