// The sample generator's seeded random numbers: the planning engine's mulberry32 stream and FNV-1a
// seeding (worker/domain/random.ts) with the distributions the demand model draws from.
import { createRng, seedFrom } from '../worker/domain/random';

/** FNV-1a of a string (the stream seed of one generator section). */
export const fnv1a = (text: string): number => seedFrom(text);

/** mulberry32 with a few distribution helpers. */
export class Rng {
  private readonly stream: { next(): number };

  constructor(seed: number) {
    this.stream = createRng(seed);
  }

  /** Uniform in (0, 1). */
  next(): number {
    return this.stream.next();
  }

  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Integer in [lo, hi] inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  normal(mean = 0, sd = 1): number {
    let u = this.next();
    while (u <= 1e-12) u = this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  lognormal(mu: number, sigma: number): number {
    return Math.exp(this.normal(mu, sigma));
  }

  /** Gamma(shape k, scale theta), Marsaglia–Tsang. */
  gamma(k: number, theta: number): number {
    if (k < 1) {
      const u = this.next();
      return this.gamma(k + 1, theta) * Math.pow(u <= 1e-12 ? 1e-12 : u, 1 / k);
    }
    const d = k - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = this.normal();
      const v0 = 1 + c * x;
      if (v0 <= 0) continue;
      const v = v0 * v0 * v0;
      const u = this.next();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v * theta;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v * theta;
    }
  }

  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda < 30) {
      const limit = Math.exp(-lambda);
      let k = 0;
      let p = this.next();
      while (p > limit) {
        k++;
        p *= this.next();
      }
      return k;
    }
    return Math.max(0, Math.round(this.normal(lambda, Math.sqrt(lambda))));
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }

  /** Weighted sample of `n` distinct indices (weights <= 0 never chosen). */
  sampleWeighted(weights: readonly number[], n: number): number[] {
    const w = weights.map((x) => (x > 0 ? x : 0));
    const out: number[] = [];
    let total = w.reduce((a, b) => a + b, 0);
    while (out.length < n && total > 1e-12) {
      let r = this.next() * total;
      let idx = -1;
      for (let i = 0; i < w.length; i++) {
        if (w[i] <= 0) continue;
        r -= w[i];
        idx = i;
        if (r < 0) break;
      }
      if (idx < 0) break;
      out.push(idx);
      total -= w[idx];
      w[idx] = 0;
    }
    return out;
  }
}
