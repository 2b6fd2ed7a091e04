/**
 * Builders and a small client for application tests: tiny valid PDF / PNG / JPEG bytes, an enterprise with its own
 * token, and the steps of the flow (file, upload through the presigned URL, check, submit, review, decide).
 *
 * @example
 * const applicant = await Applicant.create(runtime, 101);
 * const app = await applicant.fileWithDocuments({ kind: 'new', products: ['16-204'] });
 * await applicant.submit(app.id);
 */
import { deflateSync } from 'node:zlib';
import type { DocumentType } from '../../lambdas/domain/application-documents';
import { usccFor } from './certificates';
import type { TestRuntime } from './runtime';

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

export interface AppJson {
  id: string;
  state: string;
  procedure: string;
  kind: string;
  deadline?: { dueOn: string; provisional: boolean; overdue: boolean; workingDays: number };
  acceptedOn?: string;
  outcome?: { licenceNo: string; version?: number; paperSerial?: string; on: string };
  documents?: { id: string; type: string; state: string; sha256?: string; contentType?: string }[];
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

  /** Ask for an upload, PUT the bytes to the presigned URL; returns the document id and check link. */
  async upload(
    appId: string,
    type: string,
    bytes: Uint8Array,
    options: { contentType?: string; declaredSize?: number } = {},
  ): Promise<{ id: string; check: string; putStatus: number }> {
    const res = await this.requestUpload(appId, type, options.declaredSize ?? bytes.byteLength, options.contentType);
    if (res.status !== 201) throw new Error(`upload request failed ${res.status} ${await res.text()}`);
    const out = (await res.json()) as {
      document: { id: string };
      upload: { url: string; method: string; headers: Record<string, string> };
      links: { check: string };
    };
    const headers = Object.fromEntries(Object.entries(out.upload.headers).filter(([k]) => k !== 'content-length'));
    const put = await fetch(out.upload.url, { method: out.upload.method, headers, body: bytes });
    return { id: out.document.id, check: out.links.check, putStatus: put.status };
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
