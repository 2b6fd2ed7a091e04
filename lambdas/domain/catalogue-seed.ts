/**
 * The catalogue seed committed in git (`data/catalogue.json`). Admin-loaded editions replace it at run time through
 * {@link Catalogue.fromJson}; this module only reads the file that ships with the code.
 */
import seed from '../../data/catalogue.json';
import { Catalogue } from './catalogue';

/**
 * Load the seed catalogue (validated on every call; cache the value where it is used).
 *
 * @example
 * const catalogue = seedCatalogue();
 * catalogue.products.length; // 27
 */
export function seedCatalogue(): Catalogue {
  return Catalogue.fromJson(seed);
}
