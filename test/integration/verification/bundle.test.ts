/**
 * The verify function's bundle, built as CDK builds it (esbuild, ESM, minified, AWS SDK inside): no PDF, font, QR
 * drawing or PDF-rendering library may be in it, no CMS / ASN.1 library (the PDF signature check lives in the
 * `verify-file` function), no S3/SQS/KMS client either, and it stays ≤ 500 KiB (issue 20; the deployed bytes are
 * checked against CDK's own bundling in test/infra/verify-bundle.test.ts). The `verify-file` function may carry the
 * PDF signature check's libraries, but no font, QR drawing or AWS client beyond DynamoDB either.
 * The applications function checks a filing's printability with the generated font table: it carries no font file
 * and no font library (it does carry pdf-lib, to parse uploaded PDFs: see `lambdas/domain/document-formats/pdf.ts`).
 */
import { expect, test } from 'vitest';
import { bundleAsDeployed } from '../../../lib/constructs/function-bundle';

const FORBIDDEN =
  /(^|\/)(pdf-lib|@pdf-lib|fontkit|qrcode|mupdf|zxing-wasm|@expo-google-fonts|client-s3|client-sqs|client-kms)\//;
/** CMS, X.509 and ASN.1 libraries: the PDF signature check's, never the QR verifier's. */
const CMS_OR_ASN1 = /(^|\/)(@peculiar\/[^/]+|asn1js|asn1\.js|@lapo\/asn1js|pkijs|pvtsutils|@noble\/asn1)\//;
/** What not even the file verifier needs: fonts, QR drawing, rendering, and AWS clients beyond DynamoDB. */
const NOT_FOR_FILE_CHECKS =
  /(^|\/)(fontkit|qrcode|mupdf|zxing-wasm|@expo-google-fonts|client-s3|client-sqs|client-kms)\//;

/** An entry bundled as the CDK function construct bundles it (esbuild, ESM, minified), with its input list. */
const bundle = bundleAsDeployed;

test('bundles without PDF, CMS or ASN.1 libraries, at most 500 KiB minified with the DynamoDB client', async () => {
  // Act
  const out = await bundle('lambdas/handlers/verify-routes.ts');
  // Assess
  const inputs = Object.keys(out.metafile.inputs);
  const size = out.code.length;
  console.info(`verify bundle: ${(size / 1024).toFixed(1)} KiB minified, ${inputs.length} input files`);
  expect(inputs.filter((path) => FORBIDDEN.test(path))).toEqual([]);
  expect(inputs.filter((path) => CMS_OR_ASN1.test(path))).toEqual([]);
  expect(inputs).not.toContain('lambdas/composition/pdf-signature-check.ts');
  expect(inputs).not.toContain('lambdas/handlers/verify-submission.ts');
  expect(inputs.some((path) => path.includes('@aws-sdk/client-dynamodb/'))).toBe(true);
  expect(inputs).not.toContain('lambdas/composition/storage.ts'); // its storage wiring pulls in the S3 client
  expect(size).toBeLessThanOrEqual(500 * 1024);
});

test('the verify-file function wires the PDF signature check, with no font, QR drawing or other AWS client', async () => {
  // Act
  const out = await bundle('lambdas/handlers/verify-submission.ts');
  // Assess
  const inputs = Object.keys(out.metafile.inputs);
  expect(inputs).toContain('lambdas/composition/pdf-signature-check.ts');
  expect(inputs).toContain('lambdas/use-cases/verify-certificate.ts');
  expect(inputs.filter((path) => NOT_FOR_FILE_CHECKS.test(path))).toEqual([]);
  expect(inputs).not.toContain('lambdas/composition/storage.ts');
});

test('the applications function checks printability at filing without fonts or a font library, from the generated table', async () => {
  // Act
  const out = await bundle('lambdas/handlers/applications/routes.ts');
  // Assess
  const inputs = Object.keys(out.metafile.inputs);
  expect(inputs.filter((path) => /(^|\/)(fontkit|@expo-google-fonts|qrcode)\//.test(path))).toEqual([]);
  expect(inputs).not.toContain('lambdas/adapters/pdf/fonts.ts');
  expect(inputs).toContain('lambdas/domain/certificate-font-table.ts');
  expect(inputs).toContain('lambdas/adapters/pdf/layout.ts');
});
