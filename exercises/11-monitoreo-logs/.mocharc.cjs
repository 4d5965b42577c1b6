// Grades this exercise: `npm test -w exercise-NN` (TALLER_SUBMISSION=<dir> grades another folder).
module.exports = { ...require('../../mocha.shared.cjs'), spec: ['test/**/*.spec.ts'] };
