// Public exports of src/real/ (re-exported by src/index.ts): a --real run of a case, which the
// runner's workers start with the library instance the workloads loaded.
export { runReal, runRealCase, REAL_RUN_SEED, type RealRunOptions, type RealTopologyOptions } from './run-real.js';
