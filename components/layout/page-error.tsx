"use client";
// A page that failed to render (the error boundary of the dashboard and of the sign-in pages:
// app/(dashboard)/error.tsx, app/(auth)/error.tsx). During a database outage (health says so)
// this is the calm "Database unavailable — retrying" notice, which re-renders the page once the
// database is back; otherwise a plain error with a way to try again.
import { useCallback, useEffect, useState } from "react";
import { DatabaseUnavailable } from "@/components/layout/database-unavailable";

export function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const [databaseDown, setDatabaseDown] = useState<boolean | null>(null);
  useEffect(() => {
    fetch("/api/health", { cache: "no-store" })
      .then((response) => setDatabaseDown(!response.ok))
      .catch(() => setDatabaseDown(true));
  }, [error]);
  const recovered = useCallback(() => reset(), [reset]);
  if (databaseDown === null) return null;
  if (databaseDown) return <DatabaseUnavailable onRecovered={recovered} />;
  return (
    <div role="alert" className="rounded-xl border border-rose-200 bg-rose-50 p-6">
      <h2 className="font-semibold text-rose-800">This page could not be loaded</h2>
      <p className="mt-1 text-sm text-rose-700">
        {error.digest ? `Reference ${error.digest}. ` : ""}The database may be restarting; try again in a moment.
      </p>
      <button type="button" onClick={reset} className="mt-4 rounded-md bg-rose-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-rose-700">
        Try again
      </button>
    </div>
  );
}
