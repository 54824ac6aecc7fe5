const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

/** Runs the LWC tests against the TypeScript sources (`.ts` resolves before the tsc-emitted `.js`). */
module.exports = {
    ...jestConfig,
    roots: ['<rootDir>/force-app'],
    moduleFileExtensions: ['ts', 'js', 'html'],
    testMatch: ['**/__tests__/**/*.test.ts'],
    modulePathIgnorePatterns: ['<rootDir>/.localdevserver', '<rootDir>/tools'],
    collectCoverageFrom: ['force-app/**/lwc/**/*.ts', '!**/__tests__/**'],
    testTimeout: 10000
};
