/**
 * Browser-based uploads (S3 `POST Object` with a Signature Version 4 POST policy), checked as S3 checks them: the
 * policy's signature and expiration, then every condition against the form fields (after `${filename}` expansion),
 * then that every field is covered by a condition; the file's size against `content-length-range` once it is known.
 * Field names are case-insensitive, as S3 treats them.
 *
 * @example
 * const post = authorizePost({ bucket: 'docs', fields, fileName: 'a.pdf' }, account, now);
 * checkPostSize(bytesReceived, post.sizeRange); // EntityTooLarge / EntityTooSmall
 */
import { checkCredential, parseCredential, type S3Account } from './s3-auth';
import { S3Refusal } from './s3-errors';
import { ALGORITHM, scopeOf, signaturesMatch, signText } from './s3-sigv4';

/** A POST form as received, up to its `file` part. */
export interface PostForm {
  /** The bucket the form was posted to (from the URL). */
  readonly bucket: string;
  /** The fields before the file, in order, names as sent. */
  readonly fields: readonly (readonly [string, string])[];
  /** The file part's name (already without any path), when it had one. */
  readonly fileName: string | undefined;
}

export interface SizeRange {
  readonly min: number;
  readonly max: number;
}

export interface AuthorizedPost {
  /** The object key, `${filename}` expanded. */
  readonly key: string;
  /** Every field by lower-case name, `${filename}` expanded, repeated fields joined with commas. */
  readonly fields: ReadonlyMap<string, string>;
  /** The allowed file sizes (all `content-length-range` conditions together); undefined when unrestricted. */
  readonly sizeRange: SizeRange | undefined;
}

/** S3's variable for the uploaded file's name, replaced in every field (written escaped: it is not a placeholder). */
export const FILENAME_VARIABLE = `\${filename}`;

/** Fields that need no condition (S3: "except x-amz-signature, file, policy, and field names with x-ignore-"). */
const EXEMPT = new Set(['x-amz-signature', 'file', 'policy']);
/** The form data before the file may not exceed 20 KB. */
export const MAX_PRE_DATA_BYTES = 20 * 1024;

type Condition =
  | {
      readonly op: 'eq' | 'starts-with';
      /** Lower-case, to match fields case-insensitively. */
      readonly field: string;
      /** As the policy spells it, for the refusal message. */
      readonly name: string;
      readonly value: string;
    }
  | { readonly op: 'content-length-range'; readonly min: number; readonly max: number };

const missingField = (name: string): S3Refusal =>
  new S3Refusal(
    'InvalidArgument',
    `Bucket POST must contain a field named '${name}'.  If it is specified, please check the order of the fields.`,
    { ArgumentName: name, ArgumentValue: '' },
  );

const invalidPolicy = (reason: string): S3Refusal =>
  new S3Refusal('InvalidPolicyDocument', `Invalid Policy: ${reason}`);

/**
 * Check a POST form against its policy; returns the key and fields to store with, or throws the S3 refusal.
 *
 * @example
 * authorizePost({ bucket, fields: [['key', 'docs/1'], …], fileName: 'scan.pdf' }, account, new Date());
 */
export function authorizePost(form: PostForm, account: S3Account, now: Date): AuthorizedPost {
  const fields = expandedFields(form);
  const field = (name: string) => fields.get(name);
  if (field('policy') === undefined) {
    // No policy: an anonymous upload, which only a publicly writable bucket accepts.
    if (field('awsaccesskeyid') !== undefined || field('signature') !== undefined) {
      throw new S3Refusal(
        'InvalidRequest',
        'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.',
      );
    }
    throw S3Refusal.accessDenied();
  }
  for (const name of ['key', 'x-amz-algorithm', 'x-amz-credential', 'x-amz-date', 'x-amz-signature']) {
    if (field(name) === undefined) throw missingField(name);
  }
  const policyText = field('policy') as string;
  if (field('x-amz-algorithm') !== ALGORITHM) {
    throw new S3Refusal('InvalidArgument', 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"', {
      ArgumentName: 'x-amz-algorithm',
      ArgumentValue: field('x-amz-algorithm') as string,
    });
  }
  const credential = checkCredential(
    parseCredential(field('x-amz-credential') as string),
    account,
    (message, details) =>
      new S3Refusal('InvalidArgument', `Error parsing the X-Amz-Credential parameter; ${message}`, details),
  );
  const scope = scopeOf(credential.shortDate, credential.region, credential.service);
  const provided = field('x-amz-signature') as string;
  if (!signaturesMatch(signText(account.secretAccessKey, scope, policyText), provided.toLowerCase())) {
    throw S3Refusal.signatureDoesNotMatch({
      AWSAccessKeyId: credential.accessKeyId,
      StringToSign: policyText,
      SignatureProvided: provided,
    });
  }
  const { expiration, conditions } = parsePolicy(policyText);
  if (now.getTime() > expiration.getTime()) throw S3Refusal.policy('Policy expired.');

  const covered = new Set<string>();
  let sizeRange: SizeRange | undefined;
  for (const condition of conditions) {
    if (condition.op === 'content-length-range') {
      sizeRange = {
        min: Math.max(sizeRange?.min ?? 0, condition.min),
        max: Math.min(sizeRange?.max ?? Number.POSITIVE_INFINITY, condition.max),
      };
      continue;
    }
    covered.add(condition.field);
    const actual = condition.field === 'bucket' ? form.bucket : (field(condition.field) ?? '');
    if (!holds(condition.op, condition.field, actual, condition.value)) {
      const shown = [condition.op, `$${condition.name}`, condition.value].map((v) => JSON.stringify(v)).join(', ');
      throw S3Refusal.policy(`Policy Condition failed: [${shown}]`);
    }
  }
  const extra = [...fields.keys()].filter((name) => !EXEMPT.has(name) && !name.startsWith('x-ignore-'));
  const uncovered = extra.filter((name) => !covered.has(name));
  if (uncovered.length > 0) throw S3Refusal.policy(`Extra input fields: ${uncovered.join(', ')}`);

  const key = field('key') as string;
  if (key === '') {
    throw new S3Refusal('InvalidArgument', 'User key must have a length greater than 0.', {
      ArgumentName: 'key',
      ArgumentValue: '',
    });
  }
  return { key, fields, sizeRange };
}

/**
 * Refuse a file outside the policy's `content-length-range`.
 *
 * @example
 * checkPostSize(2_000_000, { min: 1, max: 1_048_576 }); // throws EntityTooLarge
 */
export function checkPostSize(size: number, range: SizeRange | undefined): void {
  if (!range) return;
  if (size > range.max) {
    throw new S3Refusal('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', {
      ProposedSize: size,
      MaxSizeAllowed: range.max,
    });
  }
  if (size < range.min) {
    throw new S3Refusal('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', {
      ProposedSize: size,
      MinSizeAllowed: range.min,
    });
  }
}

/** Fields by lower-case name; `${filename}` replaced in every value; repeated fields joined with commas. */
function expandedFields(form: PostForm): Map<string, string> {
  const fields = new Map<string, string>();
  for (const [name, raw] of form.fields) {
    const value = raw.replaceAll(FILENAME_VARIABLE, form.fileName ?? '');
    const lower = name.toLowerCase();
    const previous = fields.get(lower);
    fields.set(lower, previous === undefined ? value : `${previous},${value}`);
  }
  return fields;
}

function holds(op: 'eq' | 'starts-with', field: string, actual: string, expected: string): boolean {
  if (op === 'eq') return actual === expected;
  // A Content-Type may list several types: each must start with the prefix.
  if (field === 'content-type') return actual.split(',').every((type) => type.trim().startsWith(expected));
  return actual.startsWith(expected);
}

function parsePolicy(policyText: string): { expiration: Date; conditions: Condition[] } {
  let document: unknown;
  try {
    document = JSON.parse(Buffer.from(policyText, 'base64').toString('utf8'));
  } catch {
    throw invalidPolicy('Invalid JSON.');
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw invalidPolicy('Invalid JSON.');
  }
  const { expiration, conditions } = document as { expiration?: unknown; conditions?: unknown };
  if (expiration === undefined) throw invalidPolicy('Policy missing expiration.');
  const expiresAt = typeof expiration === 'string' ? new Date(expiration) : undefined;
  if (
    !expiresAt ||
    Number.isNaN(expiresAt.getTime()) ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(expiration as string)
  ) {
    throw invalidPolicy(`Invalid 'expiration' value: '${String(expiration)}'`);
  }
  if (!Array.isArray(conditions)) throw invalidPolicy('Policy missing conditions.');
  return { expiration: expiresAt, conditions: conditions.flatMap(parseCondition) };
}

function parseCondition(condition: unknown): Condition[] {
  const invalid = () => invalidPolicy(`Invalid Condition: ${JSON.stringify(condition)}`);
  if (Array.isArray(condition)) {
    const [op, first, second] = condition as unknown[];
    const name = typeof op === 'string' ? op.toLowerCase() : undefined;
    if (name === 'content-length-range') {
      const min = toSize(first);
      const max = toSize(second);
      if (condition.length !== 3 || min === undefined || max === undefined || min > max) throw invalid();
      return [{ op: 'content-length-range', min, max }];
    }
    if (
      (name === 'eq' || name === 'starts-with') &&
      condition.length === 3 &&
      typeof first === 'string' &&
      first.startsWith('$') &&
      typeof second === 'string'
    ) {
      return [{ op: name, field: first.slice(1).toLowerCase(), name: first.slice(1), value: second }];
    }
    throw invalid();
  }
  if (typeof condition === 'object' && condition !== null) {
    return Object.entries(condition).map(([field, value]) => {
      if (typeof value !== 'string') throw invalid();
      return { op: 'eq' as const, field: field.toLowerCase(), name: field, value };
    });
  }
  throw invalid();
}

function toSize(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}
