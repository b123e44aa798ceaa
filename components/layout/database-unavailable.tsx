"use client";
// What a page shows while the database is down (issue 12): a calm notice, not an error page.
// It asks /api/health every couple of seconds and, once the database answers again, renders
// the page afresh in place — nobody has to reload.
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

const POLL_MS = 2000;

export function DatabaseUnavailable({ onRecovered }: { onRecovered?: () => void }) {
  const router = useRouter();
  const [attempts, setAttempts] = useState(0);
  useEffect(() => {
    let stopped = false;
    const timer = setInterval(async () => {
      try {
        const response = await fetch("/api/health", { cache: "no-store" });
        if (stopped) return;
        if (response.ok) {
          stopped = true;
          clearInterval(timer);
          onRecovered?.();
          router.refresh();
          return;
        }
      } catch {
        // the app itself is unreachable: keep trying
      }
      setAttempts((n) => n + 1);
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [router, onRecovered]);
  return (
    <div role="status" data-testid="database-unavailable" className="mx-auto my-16 max-w-lg rounded-xl border border-amber-200 bg-amber-50 p-6">
      <h2 className="flex items-center gap-2 font-semibold text-amber-900">
        <span aria-hidden className="inline-block h-2.5 w-2.5 animate-pulse rounded-full bg-amber-500" />
        Database unavailable — retrying
      </h2>
      <p className="mt-1 text-sm text-amber-800">
        Runyard cannot reach its database right now (it may be restarting). This page comes back by itself as soon as the database answers
        {attempts > 0 ? ` (checked ${attempts} time${attempts === 1 ? "" : "s"})` : ""}.
      </p>
    </div>
  );
}
