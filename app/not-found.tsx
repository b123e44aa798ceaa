import type { Metadata } from "next";
import Link from "next/link";
import { NotFoundCard } from "@/components/layout/not-found-card";

export const metadata: Metadata = { title: "Not found" };

/** Any address that does not exist, outside the dashboard's own not-found: status 404. */
export default function NotFound() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center bg-slate-50 px-4 py-12">
      <Link href="/" aria-label="Runyard overview" className="mb-8 flex items-center gap-2 rounded-md text-lg font-semibold tracking-tight text-slate-900">
        <span aria-hidden className="grid h-9 w-9 place-items-center rounded-lg bg-indigo-600 text-base font-bold text-white">R</span>
        <span aria-hidden>Runyard</span>
      </Link>
      <NotFoundCard />
    </main>
  );
}
