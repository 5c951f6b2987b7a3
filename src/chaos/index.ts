// Public exports of src/chaos/ (re-exported by src/index.ts).
export {};
