// Public exports of src/sim/ (re-exported by src/index.ts).
export {};
