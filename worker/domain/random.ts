/**
 * Seeded pseudo-random numbers so Monte Carlo results are reproducible: the same inputs and
 * seed always give the same waste risk (invariant 5: deterministic numbers).
 */
export interface Rng {
  /** Uniform in (0, 1). */
  next(): number;
}

/** mulberry32: tiny and fast; statistical quality is ample for a few thousand paths. */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  return {
    next() {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      const u = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      return u === 0 ? 2 ** -33 : u;
    },
  };
}

/** FNV-1a hash of a string mixed with a base seed, so each SKU gets its own stable stream. */
export function seedFrom(text: string, base = 0): number {
  let h = (0x811c9dc5 ^ base) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
