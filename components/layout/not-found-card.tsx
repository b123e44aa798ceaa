import Link from "next/link";

/** What a missing page or run says: used alone (app/not-found.tsx) and inside the dashboard. */
export function NotFoundCard() {
  return (
    <div className="mx-auto w-full max-w-md rounded-2xl bg-white p-8 text-center shadow-xl ring-1 ring-slate-200">
      <p className="text-sm font-semibold text-indigo-700">404</p>
      <h1 className="mt-1 text-xl font-semibold text-slate-900">Page not found</h1>
      <p className="mt-2 text-sm text-slate-600">There is nothing at this address — or it belongs to a team you are not in. Runs and workers are only shown to their own team.</p>
      <div className="mt-6 flex flex-wrap justify-center gap-2">
        <Link href="/" className="rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-indigo-500">Go to the overview</Link>
        <Link href="/runs" className="rounded-md px-3.5 py-2 text-sm font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">See runs</Link>
      </div>
    </div>
  );
}
