// Public exports of src/network/ (re-exported by src/index.ts).
export { SimNetwork } from './sim-network.js';
export { SimNetworkProvider } from './sim-network-provider.js';
export { SimConnection } from './sim-connection.js';
export { SimListener } from './sim-listener.js';
export { ScriptedFaults } from './scripted-faults.js';
export type { Delivery, DeliveryListener } from './network-core.js';
export {
  FAULT_FAMILIES,
  TIMED_FAULT_FAMILIES,
  OP_FAULT_FAMILIES,
  LATENCY_OPS,
  type FaultFamily,
  type FaultSetting,
  type LatencyDistribution,
  type LatencyOp,
  type NetworkConfig,
  type NetworkOp,
  type Range,
} from './network-config.js';
export { NetworkConfigError, validateNetworkConfig } from './config-validation.js';
export {
  NETWORK_PRESET_NAMES,
  networkPreset,
  resolveNetworkConfig,
  type NetworkPresetName,
  type ResolveNetworkOptions,
} from './presets.js';
export { sampleLatencyMs, latencyMeanMs, latencyMsMax } from './latency.js';
