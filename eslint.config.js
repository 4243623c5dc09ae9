// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/**
 * Lint: typescript-eslint's strict, type-aware rules, and the architecture's import rules (what
 * may import what, ARCHITECTURE.md). Formatting is Prettier's (npm run format).
 */

/** An import of one of these folders from a file that may not depend on it. */
const layer = (folders, why) => ({ regex: `(^|/)(${folders.join('|')})/`, message: why });
/** An import of one of these modules at the top of src. */
const topModule = (names, why) => ({
  regex: `^(\\.\\./)+(${names.join('|')})\\.js$`,
  message: why,
});
const ADAPTERS = 'storage/(lowdb|azure)';

const WIRING = ['app', 'config', 'index'];

/** Per folder of src: the imports it may not make, each with the reason. */
const LAYERS = {
  domain: [
    layer(
      ['service', 'storage', 'partnerCenter', 'import', 'bot', 'server', 'i18n', 'cli', 'tab'],
      'The domain is the business alone: it imports only the domain.',
    ),
    topModule(
      [...WIRING, 'log'],
      'The domain is the business alone: no wiring, configuration or logging.',
    ),
    { regex: '^node:(fs|net|http|https|child_process|os)', message: 'The domain does no I/O.' },
  ],
  storage: [
    layer(
      ['service', 'partnerCenter', 'import', 'bot', 'server', 'i18n', 'cli', 'tab'],
      'Storage implements ports over the domain and its own records; it knows nothing of who uses it.',
    ),
    topModule(WIRING, 'Storage is handed its settings; it reads no configuration.'),
  ],
  service: [
    layer(
      ['import', 'bot', 'server', 'i18n', 'cli', 'tab'],
      'The service is the local Partner Center: the bot, the server and the words are its callers.',
    ),
    layer([ADAPTERS], 'The service sees storage only through storage/ports.'),
    layer(
      ['partnerCenter'],
      'The service sees Partner Center only through its gateway port (service/qualificationGateway.ts).',
    ),
    topModule(WIRING, 'The service is handed what it needs; it reads no configuration.'),
  ],
  partnerCenter: [
    layer(
      ['storage', 'import', 'bot', 'server', 'i18n', 'cli', 'tab'],
      "The client of Partner Center's REST API speaks its contract only; the service is its caller.",
    ),
    {
      regex: '(^|/)service/(?!qualificationGateway\\.js$)',
      message:
        "Partner Center implements the service's gateway port (service/qualificationGateway.ts); the rest of the service is its caller.",
    },
    topModule(
      WIRING,
      'The Partner Center client is handed its settings; it reads no configuration.',
    ),
  ],
  i18n: [
    layer(
      ['bot', 'server', 'storage', 'import', 'cli', 'tab'],
      'The catalogues and the localizer serve every face; they depend on none.',
    ),
    topModule(WIRING, 'The catalogues and the localizer read no configuration.'),
  ],
  import: [
    layer(
      ['bot', 'server', 'cli', 'tab', 'partnerCenter'],
      'The import engine reads, checks and runs files of customers; the bot and the tab are its front doors.',
    ),
    layer(
      [ADAPTERS],
      'The import engine sees storage only through storage/ports and storage/records.',
    ),
    topModule(WIRING, 'The import engine is handed its limits; it reads no configuration.'),
  ],
  bot: [
    layer(
      ['server', 'cli', 'tab'],
      'The bot answers turns; the HTTP server hosts it, not the other way round.',
    ),
    layer([ADAPTERS], 'The bot sees storage only through storage/ports and storage/records.'),
    {
      regex: '^botbuilder-dialogs$',
      message:
        "The package's index loads every prompt and the Recognizers-Text models (~210 ms of start-up): import from bot/dialogs.ts.",
    },
  ],
  server: [
    layer(['cli'], 'The server does not run command-line tools.'),
    layer([ADAPTERS], 'The server sees storage only through its ports.'),
  ],
  tab: [
    {
      regex: '^\\.\\./',
      message:
        'The tab runs in the browser: it imports only its own modules (its contract with the server is tab/contract.ts).',
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/', 'build/', 'node_modules/', 'test-output/', 'data/', 'devTools/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `_name` marks what is left out on purpose (a destructured field dropped from a copy).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // Numbers and booleans read fine in messages; objects do not.
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      // `() => send()` and `return void (await send())` say "nothing comes back" plainly enough.
      '@typescript-eslint/no-confusing-void-expression': [
        'error',
        { ignoreArrowShorthand: true, ignoreVoidOperator: true },
      ],
      // Ports are async; an adapter whose body happens to be synchronous still implements them.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Tests read wire JSON and assert before they index: `!` after an assert, and untyped JSON,
    // are the test's own checks (a wrong shape fails the test).
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      // Tests check at run time what the types promise: an "unnecessary" ?. is the point there.
      '@typescript-eslint/no-unnecessary-condition': 'off',
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },

  // The architecture: what may import what (one block per folder of LAYERS).
  ...Object.entries(LAYERS).map(([folder, patterns]) => ({
    files: [`src/${folder}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  })),
  prettier,
);
