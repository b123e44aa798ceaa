// Retries a transaction that lost a race the database detected: a unique violation from two
// claims colliding on one dataset (23505), a deadlock (40P01) or a serialization failure (40001).
const RETRYABLE = new Set(["23505", "40P01", "40001"]);

export async function retryOnConflict<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (i >= attempts || !code || !RETRYABLE.has(code)) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * 10 * i));
    }
  }
}
