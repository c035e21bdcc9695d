// Type-aware promise rules (a forgotten await loses errors and ordering) and no focused tests.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.data/', 'jest.config.js', 'eslint.config.mjs'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/await-thenable': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'it', property: 'only', message: 'A focused test skips the rest of the suite.' },
        { object: 'describe', property: 'only', message: 'A focused test skips the rest of the suite.' },
        { object: 'test', property: 'only', message: 'A focused test skips the rest of the suite.' },
      ],
    },
  },
);
