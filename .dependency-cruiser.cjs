/**
 * The layering `npm test` enforces (issue "Engineering health"). Top level: the renderer
 * reaches no server, Node or Electron code; shared/ imports nothing of ours outside itself;
 * the server keeps routes → services → repositories. Inside the renderer, bottom to top:
 * lib, platform → db → sync → context (React contexts the features share) → features → app; nothing imports upward, and no import cycles
 * (type imports included).
 */
const RENDERER_LAYERS = ['lib|platform', 'db', 'sync', 'context', 'features', 'app']

function upwardRules() {
  return RENDERER_LAYERS.slice(0, -1).map((layer, index) => ({
    name: `renderer-${layer.replace('|', '-')}-no-upward`,
    comment: `src-renderer/${layer} sits below ${RENDERER_LAYERS.slice(index + 1).join(', ')} and must not import from them`,
    severity: 'error',
    from: { path: `^src-renderer/(${layer})/` },
    to: { path: `^src-renderer/(${RENDERER_LAYERS.slice(index + 1).join('|')})/|^src-renderer/main\\.tsx$` },
  }))
}

module.exports = {
  forbidden: [
    ...upwardRules(),
    {
      name: 'no-cycles',
      comment: 'no import cycles, type imports included',
      severity: 'error',
      from: { path: '^(src-renderer|src-main|shared|server)/' },
      to: { circular: true },
    },
    {
      name: 'renderer-no-server-node-electron',
      severity: 'error',
      from: { path: '^src-renderer/' },
      to: { path: '^(server|src-main|scripts)/|^electron$', dependencyTypes: ['local', 'npm', 'npm-dev', 'core'] },
    },
    {
      name: 'renderer-no-node-builtins',
      severity: 'error',
      from: { path: '^src-renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shared-stays-shared',
      comment: 'shared/ is used by main, renderer and server: it imports nothing of theirs',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(server|src-main|src-renderer|scripts|tests)/' },
    },
    {
      name: 'server-repositories-below-services',
      severity: 'error',
      from: { path: '^server/repositories/' },
      to: { path: '^server/(services|routes)/' },
    },
    {
      name: 'server-services-below-routes',
      severity: 'error',
      from: { path: '^server/services/' },
      to: { path: '^server/routes/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
}
