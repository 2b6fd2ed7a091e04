/**
 * A self-signed X.509 v3 certificate (ECDSA P-256, SHA-256) made with `node:crypto` alone, for local TLS servers in
 * tests: Node can generate keys and sign but has no certificate builder, and no dev dependency makes certificates.
 * The DER below is the minimum a TLS client checks: subject = issuer, a validity window, the public key, and a
 * subjectAltName with the DNS names and IP addresses the certificate is for.
 */
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { isIPv4 } from 'node:net';

/** One DER element: tag, length (short or long form), content. */
function der(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  const length = body.length;
  const lengthBytes: number[] = [];
  for (let n = length; n > 0; n >>= 8) lengthBytes.unshift(n & 0xff);
  const header = length < 0x80 ? [tag, length] : [tag, 0x80 | lengthBytes.length, ...lengthBytes];
  return Buffer.concat([Buffer.from(header), body]);
}

const sequence = (...parts: Buffer[]) => der(0x30, ...parts);

function objectId(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [40 * first + second];
  for (const arc of rest) {
    const base128 = [arc & 0x7f];
    for (let n = arc >> 7; n > 0; n >>= 7) base128.unshift(0x80 | (n & 0x7f));
    bytes.push(...base128);
  }
  return der(0x06, Buffer.from(bytes));
}

/** UTCTime `YYMMDDHHMMSSZ` (good until 2049). */
const utcTime = (date: Date) =>
  der(0x17, Buffer.from(`${date.toISOString().slice(2, 19).replace(/[-T:]/g, '')}Z`, 'ascii'));

const commonName = (name: string) =>
  sequence(der(0x31, sequence(objectId('2.5.4.3'), der(0x0c, Buffer.from(name, 'utf8')))));

function ipBytes(address: string): Buffer {
  if (isIPv4(address)) return Buffer.from(address.split('.').map(Number));
  const [head = '', tail = ''] = address.split('::');
  const groups = (text: string) => (text === '' ? [] : text.split(':').map((g) => Number.parseInt(g, 16)));
  const h = groups(head);
  const t = groups(tail);
  const all = [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
  return Buffer.from(all.flatMap((g) => [g >> 8, g & 0xff]));
}

/**
 * A key and a self-signed certificate (both PEM) for the given names, valid from an hour before `now` to a day after.
 *
 * @example
 * const { key, cert } = selfSignedCertificate({ dnsNames: ['hooks.example.test'], ipAddresses: ['127.0.0.1'] });
 * const server = createServer({ key, cert }, handler); // node:https
 */
export function selfSignedCertificate(subject: {
  readonly dnsNames: readonly string[];
  readonly ipAddresses?: readonly string[];
  readonly now?: Date;
}): { key: string; cert: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const now = subject.now ?? new Date();
  const name = commonName(subject.dnsNames[0] ?? subject.ipAddresses?.[0] ?? 'localhost');
  const ecdsaWithSha256 = sequence(objectId('1.2.840.10045.4.3.2'));
  const serial = randomBytes(8);
  serial[0] = (serial[0] ?? 0) & 0x7f; // a positive INTEGER
  const altNames = sequence(
    ...subject.dnsNames.map((dns) => der(0x82, Buffer.from(dns, 'ascii'))),
    ...(subject.ipAddresses ?? []).map((ip) => der(0x87, ipBytes(ip))),
  );
  const tbs = sequence(
    der(0xa0, der(0x02, Buffer.from([2]))), // version v3
    der(0x02, serial),
    ecdsaWithSha256,
    name,
    sequence(utcTime(new Date(now.getTime() - 3_600_000)), utcTime(new Date(now.getTime() + 86_400_000))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    der(0xa3, sequence(sequence(objectId('2.5.29.17'), der(0x04, altNames)))),
  );
  const signature = sign('sha256', tbs, privateKey); // DER ECDSA-Sig-Value
  const certificate = sequence(tbs, ecdsaWithSha256, der(0x03, Buffer.from([0]), signature));
  const base64 = certificate.toString('base64').replace(/.{64}/g, '$&\n');
  return {
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    cert: `-----BEGIN CERTIFICATE-----\n${base64.trimEnd()}\n-----END CERTIFICATE-----\n`,
  };
}
