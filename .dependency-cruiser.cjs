/**
 * Layer rules (see README "Architecture"). Run by `npm test` (test/layers.test.ts) and `npm run lint:layers`.
 * Paths are relative to the repo root.
 */
const ELECTRON = '^electron$|(^|/)node_modules/electron/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'electron-only-in-shell',
      comment: 'Only electron/main and electron/preload may import electron; the core, web host, hub, db, shared and renderer run without it.',
      severity: 'error',
      from: { pathNot: '^electron/(main|preload)/' },
      to: { path: ELECTRON },
    },
    {
      name: 'renderer-knows-only-the-contract',
      comment: 'The renderer imports shared/ (the contract), its own files and npm packages; never db/, electron/ or hub/.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { pathNot: ['^renderer/', '^shared/', '(^|/)node_modules/'] },
    },
    {
      name: 'renderer-no-node',
      comment: 'The renderer runs in a sandboxed page: no Node built-ins.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shared-no-io',
      comment: 'shared/ is the contract and pure domain rules: no Node built-ins (no I/O).',
      severity: 'error',
      from: { path: '^shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shared-stands-alone',
      comment: 'shared/ imports nothing of the other layers.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(db|electron|renderer|hub)/' },
    },
    {
      name: 'db-below-services',
      comment: 'db/ is below the services: it may use shared/, never electron/, renderer/ or hub/.',
      severity: 'error',
      from: { path: '^db/' },
      to: { path: '^(electron|renderer|hub)/' },
    },
    {
      name: 'core-not-shell',
      comment: 'The core is hosted by the shells, it never reaches up into them (or into the renderer).',
      severity: 'error',
      from: { path: '^electron/core/' },
      to: { path: '^(electron/(main|preload|webhost)|renderer)/' },
    },
    {
      name: 'hub-independent',
      comment: 'The hub is a separate server: it shares the contract and db code, not the console or its UI.',
      severity: 'error',
      from: { path: '^hub/' },
      to: { path: '^(electron|renderer)/' },
    },
    {
      name: 'migrations-frozen',
      comment: 'A shipped migration is frozen as its own text: only the migration list imports it, never live code (current rules live in db/queries).',
      severity: 'error',
      from: { pathNot: ['^db/migrations/'] },
      to: { path: '^db/migrations/[0-9]{4}-' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(out|dist)/|\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // ESM-only packages (maplibre-gl) resolve through their "import" export condition.
    enhancedResolveOptions: { conditionNames: ['import', 'require', 'node', 'default', 'types'], exportsFields: ['exports'] },
  },
};
