// Public exports of src/transport/ (re-exported by src/index.ts).
export {};
