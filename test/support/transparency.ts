/**
 * The transparency log in integration tests: the published objects in the log bucket read and overwritten behind the
 * service's back (as a tampering operator or a broken copy would), and the monitor's command run in-process with its
 * output captured.
 *
 * @example
 * const original = await replaceLogObject('tile/0/000.p/3', (bytes) => flipByte(bytes, 5));
 * const run = await runMonitor(['monitor', '--url', runtime.baseUrl, '--state', stateFile]);
 */
import { readFile, writeFile } from 'node:fs/promises';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { runLogCommand } from '../../bin/log-monitor-lib';
import { LOG_PREFIX } from '../../lambdas/adapters/s3/log-publication';
import { s3Client } from '../../lambdas/shared/clients';
import { config } from '../../lambdas/shared/config';

/**
 * Read a published log object (`checkpoint`, `tile/…`) straight from the log bucket.
 *
 * @example
 * const bytes = await readLogObject('tile/entries/000.p/3');
 */
export async function readLogObject(path: string): Promise<Uint8Array> {
  const out = await s3Client().send(new GetObjectCommand({ Bucket: config().logBucket, Key: `${LOG_PREFIX}${path}` }));
  return new Uint8Array(await (out.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
}

/**
 * Overwrite a published log object with `change(original)`; returns the original bytes (to put back).
 *
 * @example
 * const original = await replaceLogObject(path, (b) => flipByte(b, 0));
 * await writeLogObject(path, original);
 */
export async function replaceLogObject(path: string, change: (bytes: Uint8Array) => Uint8Array): Promise<Uint8Array> {
  const original = await readLogObject(path);
  await writeLogObject(path, change(original.slice()));
  return original;
}

/**
 * Put bytes at a log object's key.
 *
 * @example
 * await writeLogObject('tile/0/000.p/3', original);
 */
export async function writeLogObject(path: string, bytes: Uint8Array): Promise<void> {
  await s3Client().send(
    new PutObjectCommand({ Bucket: config().logBucket, Key: `${LOG_PREFIX}${path}`, Body: Buffer.from(bytes) }),
  );
}

/**
 * Delete a published log object (a copy that lost it).
 *
 * @example
 * await deleteLogObject('tile/entries/000.p/3');
 */
export async function deleteLogObject(path: string): Promise<void> {
  await s3Client().send(new DeleteObjectCommand({ Bucket: config().logBucket, Key: `${LOG_PREFIX}${path}` }));
}

/**
 * The bytes with one byte's bits flipped.
 *
 * @example
 * flipByte(new Uint8Array([0]), 0); // [255]
 */
export function flipByte(bytes: Uint8Array, at: number): Uint8Array {
  const out = bytes.slice();
  out[at] = (out[at] as number) ^ 0xff;
  return out;
}

/**
 * `npm run log -- …` in this process, with real HTTP and files: the exit code and what it printed.
 *
 * @example
 * const { code, stdout } = await runMonitor(['monitor', '--url', baseUrl, '--state', file, '--json']);
 */
export async function runMonitor(argv: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runLogCommand(argv, {
    fetch: (url, init) => fetch(url, init),
    readText: async (path) => readFile(path, 'utf8').catch(() => undefined),
    writeText: (path, text) => writeFile(path, text, 'utf8'),
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    now: () => new Date(),
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}
