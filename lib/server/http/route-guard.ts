// Checks every /api request (and /metrics) before routing (proxy.ts): a path that cannot be percent-decoded
// is a 400 and a method the route does not have is a 405 with `Allow` — both as problem+json,
// where Next alone would answer a bare 405 or fail with a 500. Routes come from the contract.
import { api } from "@/lib/contract/api";
import type { Operation } from "@/lib/contract/operations";
import { AppError } from "@/lib/server/errors";

type Template = { segments: string[]; methods: Set<string> };

const TEMPLATES: Template[] = (() => {
  const byPath = new Map<string, Template>();
  for (const op of Object.values(api) as Operation[]) {
    const template = byPath.get(op.path) ?? { segments: op.path.split("/").slice(1), methods: new Set<string>() };
    template.methods.add(op.method);
    if (op.method === "GET") template.methods.add("HEAD");
    template.methods.add("OPTIONS");
    byPath.set(op.path, template);
  }
  return [...byPath.values()];
})();

/** The route a path names: of the templates that match, the one with the most literal segments. */
function routeOf(segments: string[]): Template | undefined {
  let best: Template | undefined;
  let bestLiterals = -1;
  for (const template of TEMPLATES) {
    if (template.segments.length !== segments.length) continue;
    let literals = 0;
    const matches = template.segments.every((part, i) => {
      if (part.startsWith("{")) return true;
      literals++;
      return part === segments[i];
    });
    if (matches && literals > bestLiterals) {
      best = template;
      bestLiterals = literals;
    }
  }
  return best;
}

/** An AppError for a request the app must refuse before routing, or undefined to let it through. */
export function guardApiRequest(method: string, rawPathname: string): { error: AppError; allow?: string } | undefined {
  // /metrics is an API route outside /api (Prometheus's convention): guarded the same way.
  if ((!rawPathname.startsWith("/api/") && rawPathname !== "/metrics") || rawPathname.startsWith("/api/auth/")) return undefined;
  const raw = rawPathname.split("/").slice(1);
  const segments: string[] = [];
  for (const part of raw) {
    try {
      segments.push(decodeURIComponent(part));
    } catch {
      const reason = "the path is not valid percent-encoded UTF-8";
      return { error: new AppError("validation_failed", reason, { invalidParams: [{ name: "path", reason }] }) };
    }
  }
  const route = routeOf(segments);
  if (!route || route.methods.has(method.toUpperCase())) return undefined;
  const allow = [...route.methods].join(", ");
  return { error: new AppError("method_not_allowed", `${method} is not allowed here; allowed: ${allow}`), allow };
}
