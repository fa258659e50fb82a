// Lint rules that guard the design: no ambient nondeterminism in the simulated world,
// no focused or skipped tests, and models/properties reach src only through its public surface.
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const simulatedWorld = ['src/core/**', 'src/dataflow/**', 'src/strategies/**', 'src/sim/**', 'src/oracle/**'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'coverage/**', '.snapcheck/**', 'scratch/**', 'dist/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'it', property: 'only', message: 'A focused test hides the others.' },
        { object: 'it', property: 'skip', message: 'A skipped test is a defect.' },
        { object: 'test', property: 'only', message: 'A focused test hides the others.' },
        { object: 'test', property: 'skip', message: 'A skipped test is a defect.' },
        { object: 'describe', property: 'only', message: 'A focused suite hides the others.' },
        { object: 'describe', property: 'skip', message: 'A skipped suite is a defect.' },
      ],
    },
  },
  {
    files: simulatedWorld,
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Ask a ChoiceSource: the simulated world is deterministic.' },
        { object: 'Date', property: 'now', message: 'Use simulated ticks: the simulated world has no wall clock.' },
        { object: 'performance', property: 'now', message: 'Use simulated ticks: the simulated world has no wall clock.' },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Schedule an event in the simulator queue instead.' },
        { name: 'setInterval', message: 'Schedule an event in the simulator queue instead.' },
        { name: 'setImmediate', message: 'Schedule an event in the simulator queue instead.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date']", message: 'No wall clock in the simulated world.' },
      ],
    },
  },
  {
    // The layers of shared/DESIGN.md section 2, and no import cycle between files anywhere.
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.mjs', '.js'] })] },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './src', from: ['./models', './properties', './bench', './examples'], message: 'src/ is the package: nothing above it.' },
            { target: './src/oracle', from: './src/sim', message: 'The oracle reads (scenario, History), never the simulator.' },
          ],
        },
      ],
    },
  },
  {
    files: ['models/**', 'properties/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/src/*/*', '**/src/*/**', '!**/src/vitest/index.ts'], message: 'Import from src/index.ts (or src/vitest/index.ts), the public surfaces.' }] },
      ],
    },
  },
);
