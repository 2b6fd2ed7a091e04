/**
 * Regenerate the certificate-font table (`lambdas/domain/certificate-font-table.ts`) from the fonts in
 * `node_modules/@expo-google-fonts/noto-sans-sc`. Run after the font package changes:
 *
 *   npm run fonts:table
 *
 * The unit test test/unit/adapters/pdf/font-table.test.ts fails until the committed table matches the fonts again.
 */
import { writeFileSync } from 'node:fs';
import { fontTableModule } from '../lambdas/composition/tools';

const { path, source, summary } = fontTableModule();
writeFileSync(path, source);
console.log(`${path}: ${summary}`);
