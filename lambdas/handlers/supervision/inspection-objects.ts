/**
 * GET /v1/supervision/enterprises — the registry of inspection objects (检查对象名录库): licences valid today in a
 * scope of categories, district prefixes and procedures.
 *
 * @example
 * // GET /v1/supervision/enterprises?category=06&district=4201 → { items: [{ licenceNo, enterpriseName, uscc, … }] }
 */
import { listRoute } from '../../composition/cursors';
import { supervisionDeps } from '../../composition/supervision';
import { listInspectionObjectsRoute } from '../../contracts/supervision';
import { parseUscc, usccParts } from '../../domain/uscc';
import { json } from '../../shared/http';
import { listInspectionObjects } from '../../use-cases/supervision/inspection-objects';

const deps = supervisionDeps();

export const objects = listRoute(listInspectionObjectsRoute, async ({ query }) => {
  const { category, district, procedure, ...page } = query;
  const found = await listInspectionObjects(
    deps,
    { categories: category, districts: district, procedures: procedure },
    page,
  );
  return json(200, {
    items: found.items.map((s) => ({
      licenceNo: s.licenceNo.toString(),
      enterpriseName: s.enterpriseName,
      uscc: s.uscc,
      district: usccParts(parseUscc(s.uscc)).divisionCode,
      categories: [...s.categories],
      procedure: s.procedure,
      validUntil: s.validUntil,
    })),
    ...(found.cursor ? { cursor: found.cursor } : {}),
  });
});
