// Public exports of src/network/ (re-exported by src/index.ts).
export {};
