import { expect, test } from 'vitest';
import { contentDisposition } from '../../../lambdas/adapters/s3/object-store';

test('a Chinese file name survives in filename*, with a readable ASCII fallback', () => {
  const header = contentDisposition('生产许可证-42-XK06-001-00001-v1.pdf');
  expect(header).toBe(
    `attachment; filename="42-XK06-001-00001-v1.pdf"; filename*=UTF-8''${encodeURIComponent('生产许可证-42-XK06-001-00001-v1.pdf')}`,
  );
});

test('quotes and backslashes cannot break out of the header; an all-Chinese name falls back to "download"', () => {
  expect(contentDisposition('a"b\\c.pdf')).toContain('filename="abc.pdf"');
  expect(contentDisposition('许可证')).toContain('filename="download"');
});
