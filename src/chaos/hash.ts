// Small, fast, stable 32-bit hashes. Their outputs are part of the replay contract (a site's
// enablement and a run's seed sequence derive from them), so never change the constants.

/** FNV-1a over the UTF-16 code units of `text`, as an unsigned 32-bit integer. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** MurmurHash3's 32-bit finalizer: a bijection on uint32 with full avalanche. */
export function fmix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Maps an unsigned 32-bit hash to [0, 1). */
export function unitInterval(hash: number): number {
  return (hash >>> 0) / 0x1_0000_0000;
}
