// Public exports of src/storage/ (re-exported by src/index.ts).
export {
  StorageProvider,
  StorageFile,
  checkPath,
  checkPrefix,
  checkRange,
  checkIo,
  PATH_LENGTH_MAX,
  NAME_LENGTH_MAX,
  FILE_BYTES_MAX,
  IO_BYTES_MAX,
  type OpenOptions,
} from './storage-provider.js';
export {
  StorageError,
  StorageIOError,
  FileNotFoundError,
  FileExistsError,
  FileClosedError,
  InvalidPathError,
  InvalidRangeError,
} from './storage-errors.js';
export {
  STORAGE_FAULT_FAMILIES,
  STORAGE_LATENCY_OPS,
  STORAGE_OP_FAULT_FAMILIES,
  STORAGE_PRESET_NAMES,
  type StorageConfig,
  type StorageFaultFamily,
  type StorageFaultSetting,
  type StorageLatencyOp,
  type StorageOp,
  type StoragePresetName,
  type StorageSetting,
} from './storage-config.js';
export { StorageConfigError } from './storage-config-error.js';
export { validateStorageConfig } from './storage-config-validation.js';
export { storagePreset, resolveStorageConfig, type ResolveStorageOptions } from './storage-presets.js';
export { SECTOR_SIZE, PAGE_SIZE } from './disk-geometry.js';
export type { CrashStats, SectorOutcome, CrashObserver } from './crash-model.js';
export { SimDisk } from './sim-disk.js';
export { SimStorageProvider } from './sim-storage-provider.js';
export { SimStorageFile } from './sim-storage-file.js';
