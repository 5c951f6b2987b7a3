// Typed lint rules for what tsc does not catch: promises dropped or passed where nothing awaits
// them, and awaits of things that are not promises. Unused code is tsc's (noUnusedLocals,
// noUnusedParameters). `npm run lint`; `npm test` runs it.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // JavaScript files have no types for these rules; the generated validator is not ours to lint.
  { ignores: ['dist/**', '**/*.js', '**/*.mjs', 'runner/config-validator.generated.ts'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        // node:test collects these itself; their promises are not for awaiting.
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }] },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
    },
  },
);
