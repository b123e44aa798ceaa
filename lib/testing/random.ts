// A small seeded PRNG (mulberry32): generated test cases are reproducible from their seed.
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const subset = <T>(items: readonly T[], maxSize: number) => {
    const size = int(maxSize + 1);
    return [...new Set(Array.from({ length: size }, () => items[int(items.length)]!))];
  };
  return { next, int, subset, pick: <T>(items: readonly T[]) => items[int(items.length)]! };
}
