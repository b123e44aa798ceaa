import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Not found" };

/** Any page or run that does not exist (or is not in your team): answered with status 404. */
export default function NotFound() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center bg-slate-50 px-4 py-12 text-center">
      <Link href="/" aria-label="Runyard overview" className="mb-8 flex items-center gap-2 rounded-md text-lg font-semibold tracking-tight text-slate-900">
        <span aria-hidden className="grid h-9 w-9 place-items-center rounded-lg bg-indigo-600 text-base font-bold text-white">R</span>
        <span aria-hidden>Runyard</span>
      </Link>
      <div className="w-full max-w-md rounded-2xl bg-white p-8 shadow-xl ring-1 ring-slate-200">
        <p className="text-sm font-semibold text-indigo-700">404</p>
        <h1 className="mt-1 text-xl font-semibold text-slate-900">Page not found</h1>
        <p className="mt-2 text-sm text-slate-600">There is nothing at this address — or it belongs to a team you are not in. Runs and workers are only shown to their own team.</p>
        <div className="mt-6 flex flex-wrap justify-center gap-2">
          <Link href="/" className="rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-indigo-500">Go to the overview</Link>
          <Link href="/runs" className="rounded-md px-3.5 py-2 text-sm font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">See runs</Link>
        </div>
      </div>
    </main>
  );
}
