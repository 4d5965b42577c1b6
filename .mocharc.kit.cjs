// The kit's own tests (`npm test` at the root): grader unit tests, the workshop image's
// tests and the proof that every exercise's grader passes its solution and fails its mutants.
const shared = require('./mocha.shared.cjs');

module.exports = {
  ...shared,
  spec: ['packages/*/test/**/*.spec.ts'],
  timeout: 120000,
};
