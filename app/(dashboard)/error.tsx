"use client";

export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
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
