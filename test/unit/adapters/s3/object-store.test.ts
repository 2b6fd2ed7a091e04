import { expect, test } from 'vitest';
import { contentDisposition } from '../../../../lambdas/adapters/s3/object-store';

test('a Chinese file name survives in filename*, with a readable ASCII fallback', () => {
  const header = contentDisposition('生产许可证-42-XK06-001-00001-v1.pdf');
  expect(header).toBe(
    `attachment; filename="42-XK06-001-00001-v1.pdf"; filename*=UTF-8''${encodeURIComponent('生产许可证-42-XK06-001-00001-v1.pdf')}`,
  );
});

test('quotes and backslashes cannot break out of the header; an all-Chinese name falls back to "download"', () => {
  expect(contentDisposition('a"b\\c.pdf')).toContain('filename="ab_c.pdf"');
  expect(contentDisposition('许可证')).toContain('filename="download"');
  expect(contentDisposition('检测报告.pdf', 'inline')).toMatch(/^inline; filename="download\.pdf"; filename\*=/);
});

test('a file name with quotes, CR/LF, ../ and Chinese never reaches the header unescaped', () => {
  // Prepare
  const name = '../../检测报告 "终版"\r\nSet-Cookie: a=1; x=\'(1)*\'.pdf';

  // Act
  const header = contentDisposition(name, 'inline');

  // Assess: one line, no path, every quote either removed (fallback) or percent-encoded (filename*)
  expect(header).not.toMatch(/\p{Cc}/u);
  const [, fallback, extended] = /^inline; filename="([^"\\]*)"; filename\*=UTF-8''([A-Za-z0-9%!#$&+\-.^_`|~]+)$/.exec(
    header,
  ) ?? [undefined, undefined, undefined];
  expect(fallback).toBe("Set-Cookie: a=1; x='(1)*'.pdf");
  expect(fallback).not.toContain('/');
  expect(decodeURIComponent(extended as string)).toBe('检测报告 "终版"_Set-Cookie: a=1; x=\'(1)*\'.pdf');
  expect(extended).not.toMatch(/['()*/]/);
});
