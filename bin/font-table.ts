/**
 * Regenerate the certificate-font table (`lambdas/domain/certificate-font-table.ts`) from the fonts in
 * `node_modules/@expo-google-fonts/noto-sans-sc`. Run after the font package changes:
 *
 *   npm run fonts:table
 *
 * The unit test test/unit/pdf/font-table.test.ts fails until the committed table matches the fonts again.
 */
import { writeFileSync } from 'node:fs';
import { buildFontTable, renderFontTableModule, TABLE_MODULE } from '../lambdas/adapters/pdf/font-table';
import { readFontFiles } from '../lambdas/adapters/pdf/fonts';

const table = buildFontTable(readFontFiles());
writeFileSync(TABLE_MODULE, renderFontTableModule(table));
console.log(
  `${TABLE_MODULE}: ${table.coverage.split(',').length} coverage ranges, ` +
    `${table.advances.regular.split(',').length} + ${table.advances.bold.split(',').length} advance runs`,
);
