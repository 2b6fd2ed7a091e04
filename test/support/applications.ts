/**
 * Builders and a small client for application tests: tiny valid PDF / PNG bytes (JPEG and hostile files in
 * `document-vectors.ts`), an enterprise with its own token, and the steps of the flow (file, upload through the
 * presigned POST as a browser form would, check, submit, review, decide).
 *
 * @example
 * const applicant = await Applicant.create(runtime, 101);
 * const app = await applicant.fileWithDocuments({ kind: 'new', products: ['16-204'] });
 * await applicant.submit(app.id);
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  type DocumentContentType,
  type DocumentType,
  keptDocumentKey,
} from '../../lambdas/domain/application-documents';
import type { ApplicationRepository } from '../../lambdas/ports/application-repository';
import type { DocumentStore } from '../../lambdas/ports/document-store';
import { emulatorClientConfig } from '../../lib/local/aws-clients';
import { usccFor } from './certificates';
import type { TestRuntime } from './runtime';

/** A well-formed one-page PDF of exactly `size` bytes (its title is padded). */
export function pdfOfSize(size: number): Uint8Array {
  const overhead = tinyPdf('').byteLength;
  return tinyPdf('x'.repeat(size - overhead));
}

/**
 * The documents bucket straight through the SDK, as a store that enforced no upload policy would let anyone write it
 * (and to look at what it holds).
 */
export function documentsBucket(runtime: TestRuntime) {
  const s3 = new S3Client({
    ...emulatorClientConfig(runtime.endpoints.s3, runtime.endpoints.region),
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = runtime.names.buckets.documents;
  return {
    put: (key: string, bytes: Uint8Array, contentType: string) =>
      s3.send(new PutObjectCommand({ Bucket, Key: key, Body: Buffer.from(bytes), ContentType: contentType })),
    get: async (key: string): Promise<Uint8Array> => {
      const out = await s3.send(new GetObjectCommand({ Bucket, Key: key }));
      return out.Body ? out.Body.transformToByteArray() : new Uint8Array();
    },
  };
}

/** A minimal, well-formed one-page PDF. */
export function tinyPdf(text = 'Permit test'): Uint8Array {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info << /Title (${text}) >> >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes: Buffer): number => {
  let c = 0xffffffff;
  for (const b of bytes) c = (crcTable[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type: string, data: Buffer): Buffer => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
};

/** A valid 1×1 white PNG. */
export function tinyPng(): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const pixels = deflateSync(Buffer.from([0, 255, 255, 255]));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The documents of a `new` application: a PDF form, a PNG letter (a scan) and a PDF report. */
export const THREE_DOCUMENTS: readonly { type: DocumentType; bytes: () => Uint8Array; contentType: string }[] = [
  { type: 'application-form', bytes: () => tinyPdf('申请单'), contentType: 'application/pdf' },
  { type: 'commitment-letter', bytes: tinyPng, contentType: 'image/png' },
  { type: 'test-report', bytes: () => tinyPdf('检测报告'), contentType: 'application/pdf' },
];

/** The presigned POST an upload request answers with. */
export interface UploadGrant {
  method: 'POST';
  url: string;
  fields: Record<string, string>;
  expiresAt: string;
}

/**
 * Upload as a browser form does: every policy field, then the file as the last field, named `file` (S3 ignores
 * fields after it). The part's own type is the field's `Content-Type`, as a browser would send it.
 */
export function postUpload(upload: UploadGrant, bytes: Uint8Array, fileName = 'upload.bin'): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(bytes)], { type: upload.fields['Content-Type'] ?? '' }), fileName);
  return fetch(upload.url, { method: upload.method, body: form });
}

/**
 * Store the three documents of an application as the check leaves them (accepted, kept under their digest), for
 * tests that build applications through the use cases rather than the API.
 */
export async function storeCheckedDocuments(
  deps: { applications: ApplicationRepository; documents: DocumentStore },
  applicationId: string,
  at: Date,
  documents: readonly { type: DocumentType; bytes: () => Uint8Array; contentType: string }[] = THREE_DOCUMENTS,
): Promise<void> {
  for (const [i, d] of documents.entries()) {
    const bytes = d.bytes();
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const keptKey = keptDocumentKey(applicationId, sha256);
    const contentType = d.contentType as DocumentContentType;
    await deps.documents.keep(keptKey, bytes, { contentType, sha256 });
    await deps.applications.putDocument({
      id: `DOC-00000000-0000-4000-8000-00000000000${i}`,
      applicationId,
      type: d.type,
      fileName: `${d.type}.bin`,
      declaredContentType: contentType,
      declaredSize: bytes.byteLength,
      key: `applications/${applicationId}/DOC-00000000-0000-4000-8000-00000000000${i}`,
      keptKey,
      state: 'accepted',
      createdAt: new Date(at.getTime() + i).toISOString(),
      checkedAt: at.toISOString(),
      sha256,
      size: bytes.byteLength,
      contentType,
    });
  }
}

export interface AppJson {
  id: string;
  state: string;
  procedure: string;
  kind: string;
  deadline?: { dueOn: string; provisional: boolean; overdue: boolean; workingDays: number };
  acceptedOn?: string;
  outcome?: { licenceNo: string; version?: number; paperSerial?: string; on: string };
  documents?: {
    id: string;
    type: string;
    state: string;
    sha256?: string;
    contentType?: string;
    links?: { content: string };
  }[];
  documentReads?: {
    items: {
      documentId: string;
      documentType: string;
      at: string;
      actor: { id: string; role: string };
      copy: string;
      sha256?: string;
    }[];
    more: boolean;
  };
  timeline: {
    action: string;
    from: string | null;
    to: string;
    actor: { id: string; role: string };
    comment?: string;
  }[];
  links: { self: string; certificate?: string };
}

const json = (body: unknown, method = 'POST'): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** An enterprise with its own USCC and token. */
export class Applicant {
  private constructor(
    readonly runtime: TestRuntime,
    readonly uscc: string,
    readonly token: string,
    readonly seed: number,
  ) {}

  static async create(runtime: TestRuntime, seed: number): Promise<Applicant> {
    const uscc = usccFor(seed);
    const token = await runtime.mintToken({ roles: ['enterprise'], uscc, name: `测试企业${seed}` });
    return new Applicant(runtime, uscc, token, seed);
  }

  request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${this.token}`);
    return fetch(`${this.runtime.baseUrl}${path}`, { ...init, headers });
  }

  enterprise(name = `湖北测试企业第${this.seed}有限公司`) {
    return {
      name,
      uscc: this.uscc,
      domicile: '湖北省武汉市东西湖区走马岭街道革新大道88号',
      productionAddresses: ['湖北省武汉市东西湖区走马岭街道革新大道88号'],
    };
  }

  file(body: Record<string, unknown>): Promise<Response> {
    return this.request('/v1/applications', json(body));
  }

  async fileNew(products: string[], extra: Record<string, unknown> = {}): Promise<AppJson> {
    const res = await this.file({ kind: 'new', enterprise: this.enterprise(), products, ...extra });
    if (res.status !== 201) throw new Error(`file failed ${res.status} ${await res.text()}`);
    return (await res.json()) as AppJson;
  }

  requestUpload(appId: string, type: string, size: number, contentType = 'application/pdf', fileName = `${type}.pdf`) {
    return this.request(`/v1/applications/${appId}/documents`, json({ type, fileName, contentType, size }));
  }

  /** Ask for an upload, POST the bytes to the presigned form; returns the document id, check link and the grant. */
  async upload(
    appId: string,
    type: string,
    bytes: Uint8Array,
    options: { contentType?: string; declaredSize?: number; fileName?: string } = {},
  ): Promise<{ id: string; check: string; postStatus: number; upload: UploadGrant }> {
    const res = await this.requestUpload(
      appId,
      type,
      options.declaredSize ?? bytes.byteLength,
      options.contentType,
      options.fileName,
    );
    if (res.status !== 201) throw new Error(`upload request failed ${res.status} ${await res.text()}`);
    const out = (await res.json()) as { document: { id: string }; upload: UploadGrant; links: { check: string } };
    const post = await postUpload(out.upload, bytes);
    return { id: out.document.id, check: out.links.check, postStatus: post.status, upload: out.upload };
  }

  check(link: string): Promise<Response> {
    return this.request(link, { method: 'POST' });
  }

  async uploadAll(appId: string, documents = THREE_DOCUMENTS): Promise<void> {
    for (const d of documents) {
      const { check } = await this.upload(appId, d.type, d.bytes(), { contentType: d.contentType });
      const res = await this.check(check);
      if (res.status !== 200) throw new Error(`check failed ${res.status} ${await res.text()}`);
    }
  }

  submit(appId: string): Promise<Response> {
    return this.request(`/v1/applications/${appId}/submit`, json({}));
  }

  get(appId: string): Promise<Response> {
    return this.request(`/v1/applications/${appId}`);
  }
}

/** A staff step through the API. */
export async function review(runtime: TestRuntime, appId: string, action: string, comment?: string): Promise<Response> {
  return runtime.request(`/v1/applications/${appId}/review`, {
    as: 'reviewer',
    ...json({ action, ...(comment ? { comment } : {}) }),
  });
}

export async function decide(runtime: TestRuntime, appId: string, decision: 'approve' | 'refuse', comment?: string) {
  return runtime.request(`/v1/applications/${appId}/decision`, {
    as: 'officer',
    ...json({ decision, ...(comment ? { comment } : {}) }),
  });
}

/** Review steps that must each answer 200; returns the last body. */
export async function reviewSteps(runtime: TestRuntime, appId: string, actions: string[]): Promise<AppJson> {
  let last: AppJson | undefined;
  for (const action of actions) {
    const res = await review(runtime, appId, action);
    if (res.status !== 200) throw new Error(`${action} failed ${res.status} ${await res.text()}`);
    last = (await res.json()) as AppJson;
  }
  return last as AppJson;
}
