// ESLint 9 flat config: LWC rules + type-checked typescript-eslint on the TypeScript components.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const globals = require('globals');
const jest = require('eslint-plugin-jest');
const lwcRecommendedTs = require('@salesforce/eslint-config-lwc/recommended-ts');

const asArray = (config) => (Array.isArray(config) ? config : [config]);

module.exports = tseslint.config(
    {
        ignores: [
            'node_modules/**',
            'coverage/**',
            'test-output/**',
            'force-app/**/lwc/*/*.js',
            'tools/**',
            '.sf/**',
            '.sfdx/**',
            'scripts/apex-gate/test/fixtures/**'
        ]
    },
    {
        files: ['force-app/**/lwc/**/*.ts'],
        extends: [...asArray(lwcRecommendedTs), ...tseslint.configs.recommendedTypeChecked],
        languageOptions: {
            parser: tseslint.parser,
            parserOptions: { projectService: true, tsconfigRootDir: __dirname }
        }
    },
    {
        files: ['force-app/**/lwc/**/__tests__/**/*.ts'],
        ...jest.configs['flat/recommended'],
        languageOptions: {
            globals: { ...globals.node, ...globals.jest }
        },
        rules: {
            ...jest.configs['flat/recommended'].rules,
            '@lwc/lwc/no-unexpected-wire-adapter-usages': 'off',
            '@lwc/lwc/no-async-operation': 'off',
            '@typescript-eslint/no-non-null-assertion': 'off',
            '@typescript-eslint/unbound-method': 'off'
        }
    },
    {
        files: ['**/*.{js,mjs,cjs}'],
        ignores: ['force-app/**'],
        ...js.configs.recommended,
        languageOptions: {
            ecmaVersion: 'latest',
            globals: { ...globals.node }
        }
    },
    {
        files: ['**/*.{js,cjs}'],
        ignores: ['force-app/**'],
        languageOptions: { sourceType: 'commonjs' }
    }
);
