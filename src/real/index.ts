// Public exports of src/real/ (re-exported by src/index.ts): the processes of a --real run,
// which the runner builds with the library instance the workloads loaded.
export type { RealProcess, RealProcessSlot } from './real-process.js';
export { RealSupervisor, type RealProcessHooks } from './real-supervisor.js';
export { RealProcessFaults } from './real-process-faults.js';
export { RealAttrition } from './real-attrition.js';
export { RealNetworkFaults } from './real-network-faults.js';
