"use client";
// Filters live in the URL (they survive reload and can be shared): read and replace them.
// Changes go through the browser's own history.replaceState, which Next's router follows
// (useSearchParams updates; null state is what it listens for), and each change starts from
// the URL as it is now: two quick changes — a label chip, then a state button — both stay.
// (router.replace applies later, in a transition, so a second change read before it landed
// would drop the first.) The lists are client-side queries, so no server round trip is needed.
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback } from "react";

export function useUrlFilters() {
  const params = useSearchParams();
  const pathname = usePathname();
  const set = useCallback(
    (changes: Record<string, string | string[] | undefined>) => {
      const next = new URLSearchParams(window.location.search);
      for (const [key, value] of Object.entries(changes)) {
        next.delete(key);
        for (const v of Array.isArray(value) ? value : value ? [value] : []) next.append(key, v);
      }
      if (!("cursor" in changes)) next.delete("cursor");
      const qs = next.toString();
      window.history.replaceState(null, "", qs ? `${pathname}?${qs}` : pathname);
    },
    [pathname],
  );
  return { get: (key: string) => params.get(key) ?? undefined, getAll: (key: string) => params.getAll(key), set };
}
