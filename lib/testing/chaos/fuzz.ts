// Generated hostile requests for every API route (issue 8, fuzzed input): wrong types, huge and
// deep JSON, bad labels, NUL and lone surrogates, missing or garbled auth, replayed lease
// tokens, bogus ids and cursors, wrong methods, undecodable paths. Seeded: a failure names its
// seed and index, and the same request can be made again.
import type { z } from "zod";
import { api } from "@/lib/contract/api";
import type { Operation } from "@/lib/contract/operations";
import { rng } from "@/lib/testing/random";

export type FuzzContext = {
  tokens: { admin: string; scheduler: string; worker: string; boundToOther: string; revoked: string };
  workerIds: string[];
  runIds: string[];
  /** A run held by one of workerIds, with its current lease token (for replays around it). */
  heldRun?: { id: string; leaseToken: number };
  foreignRunId: string;
};

export type FuzzRequest = { method: string; path: string; headers: Record<string, string>; body?: string | Buffer; route: string };

const STRINGS = [
  "", "a", "gpu", "GPU", "gpu-A100", "default", " lead", "trail ", "a b", "\u0000", "a\u0000b", "\ud800", "x\udfffy", "\ud83d", "💥🚀", "ǅ",
  "é", "\u202e", "\n", "\t", "%00", "%ZZ", "../../etc/passwd", "'; DROP TABLE runs;--", "<script>x</script>", "null", "0", "-1",
  "99999999999999999999999", "a".repeat(64), "a".repeat(65), "b".repeat(5000), "c".repeat(70_000),
];
const NUMBERS = [0, -1, 1, 2, 3, 1.5, 100, 101, 2 ** 31 - 1, 2 ** 31, 2 ** 53, -(2 ** 63), 1e20, 1e308, -0.0001];
const RAW_NUMBERS = ["1e400", "-1e400", "9223372036854775808", "123456789012345678901234567890", "0x10", "NaN", "Infinity", "01"];
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

function keysOf(schema: z.ZodType | undefined): string[] {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

export function fuzzer(seed: number, ctx: FuzzContext) {
  const r = rng(seed);
  const ops = Object.values(api) as Operation[];
  const chance = (p: number) => r.next() < p;

  const deep = (n: number, open: string, close: string) => open.repeat(n) + close.repeat(n);
  function value(depth = 0): unknown {
    switch (r.int(depth > 2 ? 4 : 7)) {
      case 0: return r.pick(STRINGS);
      case 1: return r.pick(NUMBERS);
      case 2: return r.pick([true, false, null]);
      case 3: return r.pick(STRINGS).slice(0, 10);
      case 4: return Array.from({ length: r.int(4) }, () => value(depth + 1));
      case 5: return Object.fromEntries(Array.from({ length: r.int(4) }, () => [r.pick(STRINGS).slice(0, 20), value(depth + 1)]));
      default: return [r.pick(["gpu", "GPU", "a\u0000", "\ud800", "bad label", "x".repeat(65), ""])];
    }
  }
  function fieldValue(key: string): unknown {
    if (chance(0.5)) {
      if (key === "leaseToken") {
        const held = ctx.heldRun?.leaseToken ?? 1;
        return r.pick([held, held - 1, held + 1, 0, -1, 2 ** 31, 2 ** 63, 1e20, String(held), held + 0.5]);
      }
      if (key === "runsOn" || key === "labels") return Array.from({ length: r.int(40) }, () => r.pick(["gpu", "cpu", "GPU", "gpu-A100", "a:b", "_x", "\u0000", "\ud800", "x".repeat(65), "é"]));
      if (key === "runs") return [{ id: ctx.heldRun?.id ?? r.pick(ctx.runIds), leaseToken: r.pick([1, 2 ** 31, -1, 2 ** 62]) }];
      if (key === "info") return { hostname: r.pick(STRINGS), facts: { [r.pick(STRINGS).slice(0, 64)]: value(2) } };
      if (key === "config") return chance(0.3) ? { nested: JSON.parse(deep(r.pick([10, 200, 2000]), "[", "]")) } : { key: r.pick(STRINGS) };
      if (key === "lines") return Array.from({ length: r.pick([0, 1, 3, 1001]) }, () => ({ stream: r.pick(["stdout", "stderr", "x"]), line: r.pick(STRINGS) }));
    }
    return value();
  }
  function body(op: Operation): string | Buffer | undefined {
    const roll = r.next();
    if (roll < 0.04) return deep(r.pick([1000, 10_000, 100_000]), "[", "]");
    if (roll < 0.06) return `{"a":${deep(r.pick([5000, 50_000]), '{"a":', "}")}}`.replace(/}$/, "");
    if (roll < 0.08) return JSON.stringify({ config: { blob: "z".repeat(r.pick([300_000, 700_000])) } });
    if (roll < 0.1) return r.pick(["{", '{"a":', "[1,2", "nul", "\u0000", "{'a':1}", '{"a":1}{"b":2}']);
    if (roll < 0.12) return Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    if (roll < 0.14) return JSON.stringify(value());
    if (roll < 0.17) {
      const key = r.pick(keysOf(op.body).length ? keysOf(op.body) : ["x"]);
      return `{"${key}": ${r.pick(RAW_NUMBERS)}}`;
    }
    const out: Record<string, unknown> = {};
    for (const key of keysOf(op.body)) if (chance(0.6)) out[key] = fieldValue(key);
    if (chance(0.1)) out[r.pick(STRINGS).slice(0, 30)] = value();
    return JSON.stringify(out);
  }
  function pathOf(op: Operation): string {
    return op.path.replace(/\{(\w+)\}/g, () =>
      r.pick([
        ...ctx.workerIds, ...ctx.runIds, ctx.heldRun?.id ?? ctx.runIds[0]!, ctx.foreignRunId, "00000000-0000-0000-0000-000000000000",
        "not-a-uuid", "%ZZ", "%", "%00", "%E0%A4%A", "..", "a".repeat(300), "%F0%9F%92%A5", "default", "12345",
      ]),
    );
  }
  function query(op: Operation): string {
    const keys = keysOf(op.query);
    if (keys.length === 0 && !chance(0.1)) return "";
    const params = new URLSearchParams();
    for (const key of keys.length ? keys : ["unexpected"]) {
      if (!chance(0.5)) continue;
      const v =
        key === "cursor"
          ? r.pick(["", "garbage", "!!!", Buffer.from(JSON.stringify(["x", 1e30])).toString("base64url"), Buffer.from('["2026-01-01",1]').toString("base64url"), Buffer.from("[[[[").toString("base64url"), "9".repeat(19), "9".repeat(30), "-1", "1e5"])
          : r.pick([...STRINGS.slice(0, 28), ...RAW_NUMBERS, "1", "600", "OPEN", "IDLE", "HIGH", ...ctx.workerIds]);
      params.append(key, v);
      if (chance(0.2)) params.append(key, r.pick(STRINGS.slice(0, 20)));
    }
    const text = params.toString();
    return text ? `?${text}${chance(0.05) ? "&%ZZ=%E0" : ""}` : "";
  }
  function auth(): Record<string, string> {
    const t = ctx.tokens;
    const roll = r.next();
    if (roll < 0.45) return { authorization: `Bearer ${t.admin}` };
    if (roll < 0.6) return { authorization: `Bearer ${t.worker}` };
    if (roll < 0.7) return { authorization: `Bearer ${t.scheduler}` };
    if (roll < 0.75) return { authorization: `Bearer ${t.boundToOther}` };
    if (roll < 0.8) return { authorization: `Bearer ${t.revoked}` };
    if (roll < 0.85) return {};
    return { authorization: r.pick(["Bearer", "Bearer ", "bearer x", "Basic YTpi", `Bearer ${t.admin}x`, `Bearer ${"a".repeat(5000)}`, "Bearer ry_%00", "Token abc"]) };
  }

  return function next(): FuzzRequest {
    const op = r.pick(ops);
    const method = chance(0.8) ? op.method : r.pick(METHODS);
    const headers: Record<string, string> = { ...auth() };
    let payload: string | Buffer | undefined;
    if (method !== "GET" && method !== "HEAD" && (op.body || chance(0.2))) {
      payload = op.body ? body(op) : JSON.stringify(value());
      headers["content-type"] = r.pick(["application/json", "application/json", "application/json", "application/json; charset=utf-8", "text/plain", "application/problem+json"]);
      if (chance(0.05)) delete headers["content-type"];
    }
    if (chance(0.05)) headers["idempotency-key"] = r.pick(["k1", "k2", "x".repeat(300), "k\u00e9"]);
    if (chance(0.03)) headers["x-request-id"] = r.pick(["../x", "a".repeat(100), "ok-id"]);
    const unknownRoute = chance(0.03);
    const path = unknownRoute ? r.pick(["/api/v1/nope", "/api/v1/runs/%ZZ/x", "/api/v2/runs", "/api/v1/workers/default/claim", "/api/%ZZ"]) : pathOf(op) + query(op);
    return { method, path, headers, body: payload, route: unknownRoute ? "unknown" : `${op.method} ${op.path}` };
  };
}
