const base = require('./jest.config.js');

/** The same suite against the tsc-emitted `.js` that Salesforce deploys (run after `npm run build`). */
module.exports = {
    ...base,
    moduleFileExtensions: ['js', 'ts', 'html'],
    collectCoverageFrom: ['force-app/**/lwc/**/*.js', '!**/__tests__/**']
};
