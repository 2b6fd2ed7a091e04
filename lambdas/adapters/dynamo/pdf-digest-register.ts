/**
 * DynamoDB adapter of {@link PdfDigestRegister}: the `PDFSHA#{sha256}` / `#PDF` items that an issuance or a reprint
 * writes in its commit transaction (`docs/storage.md`), read 100 at a time with `BatchGetItem`, strongly consistent.
 *
 * @example
 * const register = new DynamoPdfDigestRegister(dynamoClient(), config().tableName);
 * (await register.registered([sha])).has(sha); // committed?
 */
import type { BatchGetCommandOutput, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { PdfDigestRegister } from '../../ports/pdf-digest-register';
import { keys } from './certificate-repository';

/** BatchGetItem's limit. */
const BATCH_GET = 100;
const SHA256 = /^[0-9a-f]{64}$/;

export class DynamoPdfDigestRegister implements PdfDigestRegister {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async registered(sha256s: readonly string[]): Promise<ReadonlySet<string>> {
    const found = new Set<string>();
    const unique = [...new Set(sha256s.filter((s) => SHA256.test(s)))];
    for (let i = 0; i < unique.length; i += BATCH_GET) {
      let requested: Record<string, unknown>[] | undefined = unique.slice(i, i + BATCH_GET).map(keys.pdfSha);
      for (let round = 0; requested && requested.length > 0; round++) {
        if (round > 8) throw new Error('BatchGetItem kept returning unprocessed keys');
        const out: BatchGetCommandOutput = await this.client.send(
          new BatchGetCommand({
            RequestItems: {
              [this.tableName]: { Keys: requested, ConsistentRead: true, ProjectionExpression: 'pk' },
            },
          }),
        );
        for (const item of out.Responses?.[this.tableName] ?? []) found.add(String(item.pk).slice('PDFSHA#'.length));
        requested = out.UnprocessedKeys?.[this.tableName]?.Keys;
      }
    }
    return found;
  }
}
