// Shared Mocha settings. `.mocharc.json` ignores `extends`, so every package's
// `.mocharc.cjs` requires this file instead.
const path = require('node:path');

module.exports = {
  extension: ['ts'],
  // require() first fails on ESM specs under Node >= 20.19; this keeps the real load errors.
  'node-option': ['import=tsx', 'no-experimental-require-module'],
  reporter: path.join(__dirname, 'packages/grader/src/report/reporter.cjs'),
  timeout: 20000,
};
