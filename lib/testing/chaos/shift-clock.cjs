// Preloaded into an app instance by the clock scenario (NODE_OPTIONS=--require): shifts this
// process's clock — Date.now() and new Date() — by CHAOS_CLOCK_SHIFT_MS, as a server whose
// clock is hours off would be. Leases must not notice: they run on the database's clock.
const shift = Number(process.env.CHAOS_CLOCK_SHIFT_MS || 0);
if (shift !== 0) {
  const RealDate = Date;
  const realNow = RealDate.now.bind(RealDate);
  const now = () => realNow() + shift;
  // A Proxy keeps every static (UTC, parse) and instanceof working; only "now" moves.
  globalThis.Date = new Proxy(RealDate, {
    construct: (target, args, newTarget) => Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget),
    get: (target, prop) => (prop === "now" ? now : Reflect.get(target, prop)),
  });
  console.log(`[chaos] process ${process.pid}: clock shifted by ${shift} ms (now ${new Date().toISOString()})`);
}
