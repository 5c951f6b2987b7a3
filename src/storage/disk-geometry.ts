// The simulated disk's units. A sector is what tears at a crash and what a latent read error or
// a misdirected write hits; a page is the unit of memory and of space accounting.

/** Bytes per sector: the unit a crash keeps, loses or tears. */
export const SECTOR_SIZE = 512;
/** Bytes per page: files are sparse maps of pages; capacityBytes counts allocated pages. */
export const PAGE_SIZE = 4096;
export const SECTORS_PER_PAGE = PAGE_SIZE / SECTOR_SIZE;
/** A dirty-sector mask with every sector of a page set. */
export const FULL_PAGE_MASK = (1 << SECTORS_PER_PAGE) - 1;

/** Bits `lo..hi` (sector indexes within a page, both included) of a page's sector mask. */
export function sectorMask(lo: number, hi: number): number {
  return ((1 << (hi + 1)) - 1) & ~((1 << lo) - 1);
}
