// Public exports of src/real/ (re-exported by src/index.ts): a --real run of a case, which the
// runner's workers start with the library instance the workloads loaded.
export { runReal, REAL_RUN_SEED, type RealRunOptions } from './run-real.js';
