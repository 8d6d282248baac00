// The architecture's boundaries, enforced (STYLE.md: "a rule written only in a README gets broken").
// `npm run lint` runs in CI (.ci/run) and in every landing. What each folder may import is the table
// below; the "why" of each line is in src/*/README.md and docs/architecture notes in README.md.
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

/** Folder (or root module) → element type. Each platform is its own element, so adapters cannot import each other. */
// Single files are elements in 'full' mode (deprecated in boundaries 7 but still the only way to give a file its own type
// without moving it into a folder; revisit when errors/redact/logger move into src/shared/).
const elements = [
  { type: 'domain', pattern: 'src/domain' },
  { type: 'text', pattern: 'src/text' },
  { type: 'shared', pattern: ['src/errors.ts', 'src/redact.ts', 'src/log-throttle.ts'], mode: 'full' },
  { type: 'logger', pattern: 'src/logger.ts', mode: 'full' },
  { type: 'config', pattern: 'src/config' },
  { type: 'ingest', pattern: 'src/ingest' },
  { type: 'relevance', pattern: 'src/relevance' },
  { type: 'stories', pattern: 'src/stories' },
  { type: 'summarize', pattern: 'src/summarize' },
  { type: 'commands', pattern: 'src/commands' },
  { type: 'store', pattern: 'src/store' },
  { type: 'delivery', pattern: 'src/delivery' },
  { type: 'chat-adapter', pattern: 'src/platforms/chat-adapter.ts', mode: 'full' },
  { type: 'platform', pattern: 'src/platforms/*', capture: ['platform'] },
  { type: 'digest', pattern: 'src/digest' },
  { type: 'pipeline', pattern: 'src/pipeline' },
  { type: 'scheduler', pattern: 'src/scheduler' },
  { type: 'ops', pattern: 'src/ops' },
  { type: 'evaluation', pattern: 'src/evaluation' },
  { type: 'demo', pattern: 'src/demo' },
  { type: 'cli', pattern: 'src/cli' },
  // The composition roots: the only modules that wire everything together.
  { type: 'root', pattern: ['src/main.ts', 'src/cli.ts'], mode: 'full' },
];

/** What each element may import (besides itself). Pure stages never reach the edges. */
const allowed = {
  domain: [],
  text: [],
  shared: [],
  logger: ['shared', 'config'],
  config: ['domain', 'text', 'shared', 'ingest', 'digest'],
  relevance: ['domain', 'text', 'shared'],
  stories: ['domain', 'relevance', 'shared'],
  summarize: ['domain', 'relevance', 'text', 'shared'],
  commands: ['domain', 'text', 'shared', 'config', 'store'],
  ingest: ['domain', 'text', 'shared'],
  store: ['domain', 'shared', 'stories', 'chat-adapter'],
  delivery: ['domain', 'text', 'shared', 'store', 'chat-adapter'],
  'chat-adapter': ['domain', 'digest'],
  platform: ['domain', 'text', 'shared', 'commands', 'digest', 'chat-adapter', 'config'],
  digest: ['domain', 'text', 'shared', 'store', 'chat-adapter'],
  pipeline: ['domain', 'text', 'shared', 'config', 'ingest', 'relevance', 'stories', 'summarize', 'store', 'delivery', 'chat-adapter'],
  scheduler: ['domain', 'shared'],
  ops: ['domain', 'text', 'shared', 'config', 'pipeline', 'relevance', 'store', 'chat-adapter'],
  evaluation: ['domain', 'shared', 'config', 'pipeline', 'relevance', 'stories', 'summarize'],
  demo: ['domain', 'text', 'shared'],
};

const sameType = (type) => ({ element: { type } });
const policies = [
  ...Object.entries(allowed).map(([type, targets]) => ({
    from: sameType(type),
    allow: { to: { element: { types: { anyOf: [type, ...targets] } } } },
  })),
  // A platform imports only its own folder among platforms (and the shared interface).
  {
    from: { element: { type: 'platform', captured: { platform: '*' } } },
    disallow: { to: { element: { type: 'platform', captured: { platform: '!{{from.captured.platform}}' } } } },
  },
  // The CLI commands and the composition roots may use every stage.
  { from: sameType('cli'), allow: { to: { element: { types: { anyOf: elements.map((e) => e.type) } } } } },
  { from: sameType('root'), allow: { to: { element: { types: { anyOf: elements.map((e) => e.type) } } } } },
];

/** Packages that belong to one edge: anyone else must receive what they need as an argument. */
const edgePackages = [
  { packages: ['discord.js', '@discordjs/*'], owners: ['src/platforms/discord/**', 'src/main.ts'] },
  { packages: ['@slack/bolt', '@slack/*'], owners: ['src/platforms/slack/**', 'src/main.ts'] },
  { packages: ['pg', 'better-sqlite3', 'kysely'], owners: ['src/store/**'] },
  { packages: ['rss-parser', 'undici', 'iconv-lite'], owners: ['src/ingest/**'] },
];

/** One no-restricted-imports rule per file set (a later block would replace an earlier one's rule, not add to it). */
function edgePackageBlocks() {
  const rule = (groups) => ({
    '@typescript-eslint/no-restricted-imports': [
      'error',
      { patterns: groups.map(({ packages, owners }) => ({ group: packages, message: `Only ${owners.join(', ')} may import ${packages.join(', ')}.` })) },
    ],
  });
  const ownerGlobs = [...new Set(edgePackages.flatMap((g) => g.owners))];
  return [
    { files: ['src/**/*.ts'], rules: rule(edgePackages) },
    ...ownerGlobs.map((glob) => ({ files: [glob], rules: rule(edgePackages.filter((g) => !g.owners.includes(glob))) })),
  ];
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'tests/output/**', 'data/**'] },
  {
    files: ['src/**/*.ts', 'tests/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      // One error normalizer (src/errors.ts: toError, errorMessage, errorName), no casts of what was caught.
      'no-restricted-syntax': [
        'error',
        {
          selector: "TSAsExpression > TSTypeReference.typeAnnotation[typeName.name='Error']",
          message: 'Use toError / errorMessage / errorName from src/errors.ts instead of casting to Error.',
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': elements,
      'boundaries/include': ['src/**/*.ts'],
      'import/resolver': { typescript: { project: './tsconfig.json' } },
    },
    rules: {
      'boundaries/dependencies': ['error', { default: 'disallow', policies }],
      'boundaries/no-unknown-files': 'error',
      // Configuration is read in one place (src/config/env.ts); the CLI root hands process.env to it.
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read the environment in src/config/ only (readEnv), and pass values in.' },
      ],
    },
  },
  { files: ['src/config/**/*.ts', 'src/cli.ts'], rules: { 'no-restricted-properties': 'off' } },
  ...edgePackageBlocks(),
);
