/** Reflected CRC-32C (Castagnoli) polynomial, as used by iSCSI, ext4 and SCTP. */
const POLY = 0x82f63b78;

/**
 * Slice-by-8 tables: TABLES[k * 256 + b] is the CRC of byte b followed by k zero bytes,
 * so eight input bytes are folded per step with eight lookups instead of eight dependent ones.
 */
const TABLES = buildTables();

function buildTables(): Uint32Array {
  const tables = new Uint32Array(8 * 256);
  for (let b = 0; b < 256; b++) {
    let crc = b;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ POLY : crc >>> 1;
    tables[b] = crc;
  }
  for (let i = 256; i < tables.length; i++) {
    const prev = tables[i - 256];
    tables[i] = (prev >>> 8) ^ tables[prev & 0xff];
  }
  return tables;
}

/** CRC-32C of `bytes[start, end)`, as an unsigned 32-bit number. */
export function crc32c(bytes: Uint8Array, start = 0, end = bytes.length): number {
  const t = TABLES;
  let crc = 0xffffffff;
  let i = start;
  for (const end8 = start + ((end - start) & ~7); i < end8; i += 8) {
    const lo = crc ^ (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24));
    crc =
      t[1792 + (lo & 0xff)] ^
      t[1536 + ((lo >>> 8) & 0xff)] ^
      t[1280 + ((lo >>> 16) & 0xff)] ^
      t[1024 + (lo >>> 24)] ^
      t[768 + bytes[i + 4]] ^
      t[512 + bytes[i + 5]] ^
      t[256 + bytes[i + 6]] ^
      t[bytes[i + 7]];
  }
  for (; i < end; i++) crc = t[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
