/**
 * The architecture's rules, checked in `npm test` (test/architecture/rules.test.ts) and by hand with
 * `npx depcruise lambdas lib bin --config .dependency-cruiser.cjs`. See README.md, "Architecture".
 *
 *   domain ← ports ← use cases ← handlers → presenters, contracts
 *                 ↖ adapters ← composition ↙
 *
 * - The domain imports only the domain (no AWS SDK, no middy, no HTTP).
 * - Ports (lambdas/ports/) are interfaces over domain types; use cases import the domain and ports.
 * - Adapters implement ports and never import use cases, handlers, presenters or composition.
 * - Handlers import contracts, one use case each (checked by the test), presenters and composition — never adapters.
 * - Inside lambdas/, only composition constructs adapters; lib/ and bin/ get theirs from composition's factories.
 */
const layer = (names) => `^lambdas/(${names.join('|')})/`;

module.exports = {
  forbidden: [
    {
      name: 'domain-imports-only-domain',
      comment: 'The domain is pure: entities, value objects and rules, with no outside layer, no AWS, no HTTP.',
      severity: 'error',
      from: { path: '^lambdas/domain/' },
      to: { path: ['^lambdas/(?!domain/)', '^lib/', '^bin/', '@aws-sdk', '@middy', 'aws-lambda'] },
    },
    {
      name: 'ports-over-the-domain',
      comment: 'A port is an interface over domain types; it knows no implementation and no caller.',
      severity: 'error',
      from: { path: '^lambdas/ports/' },
      to: {
        path: [layer(['adapters', 'use-cases', 'handlers', 'composition', 'presenters', 'contracts']), '@aws-sdk'],
      },
    },
    {
      name: 'use-cases-see-domain-and-ports',
      comment: 'Use cases import the domain, ports and other use cases (and the one shared logger).',
      severity: 'error',
      from: { path: '^lambdas/use-cases/' },
      to: {
        path: [
          layer(['adapters', 'handlers', 'composition', 'presenters', 'contracts']),
          '^lambdas/shared/(?!logger\\.ts$)',
          '^lambdas/functions\\.ts$',
          '^lib/',
          '@aws-sdk',
          '@middy',
        ],
      },
    },
    {
      name: 'adapters-implement-ports',
      comment: 'Adapters implement ports; they never import use cases, handlers, presenters or composition.',
      severity: 'error',
      from: { path: '^lambdas/adapters/' },
      to: { path: layer(['use-cases', 'handlers', 'presenters', 'composition']) },
    },
    {
      name: 'only-composition-constructs-adapters',
      comment: 'Inside lambdas/, adapters are reached only through composition (which builds and wires them).',
      severity: 'error',
      from: { path: '^lambdas/', pathNot: '^lambdas/(adapters|composition)/' },
      to: { path: '^lambdas/adapters/' },
    },
    {
      name: 'tools-use-composition',
      comment: 'The local runtime and the command-line tools get adapters from the composition factories.',
      severity: 'error',
      from: { path: '^(lib|bin)/' },
      to: { path: '^lambdas/adapters/' },
    },
    {
      name: 'presenters-present',
      comment: 'Presenters turn results into HTML and JSON views; they call no use case and build no adapter.',
      severity: 'error',
      from: { path: '^lambdas/presenters/' },
      to: { path: layer(['adapters', 'use-cases', 'handlers', 'composition']) },
    },
    {
      name: 'contracts-describe-the-wire',
      comment: 'Route contracts and wire protocols describe messages; they do not reach into the layers behind them.',
      severity: 'error',
      from: { path: '^lambdas/contracts/' },
      to: { path: layer(['adapters', 'use-cases', 'handlers', 'composition', 'presenters', 'ports']) },
    },
    {
      name: 'shared-is-below-the-layers',
      comment: 'Config, clients, logging and the HTTP pipeline serve every layer and depend on none above them.',
      severity: 'error',
      // One exception: `lambdas/shared/console-route.ts`, the console's pipeline, draws pages in the console shell
      // (presenters/console/) with the console's wiring (composition/console.ts), so that every page handler needs only
      // `consoleRoute(contract, fn)` — as `listRoute` in composition/cursors.ts wires httpRoute's cursor guard.
      from: { path: '^lambdas/shared/', pathNot: '^lambdas/shared/console-route[.]ts$' },
      to: { path: layer(['adapters', 'use-cases', 'handlers', 'composition', 'presenters']) },
    },
    {
      name: 'nothing-imports-handlers',
      comment: 'Handlers are entry points (and routers); only other handlers import them.',
      severity: 'error',
      from: { path: '^(lambdas|lib|bin)/', pathNot: '^lambdas/handlers/' },
      to: { path: '^lambdas/handlers/' },
    },
    {
      name: 'no-cycles',
      comment:
        'Import cycles make load order matter and seams blur (a cycle through a type-only import loads nothing).',
      severity: 'error',
      from: { path: '^(lambdas|lib|bin)/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
