import Link from "next/link";
import type { ReactNode } from "react";

const NAV = [
  { href: "/workers", label: "My Workers" },
];

export function AppShell({ children }: { children: ReactNode }) {
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-7xl items-center gap-8 px-4 sm:px-6">
          <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight text-slate-900">
            <span aria-hidden className="grid h-7 w-7 place-items-center rounded-md bg-indigo-600 text-sm font-bold text-white">R</span>
            Runyard
          </Link>
          <nav aria-label="Main" className="flex gap-1 text-sm">
            {NAV.map((item) => (
              <Link key={item.href} href={item.href} className="rounded-md px-3 py-1.5 font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900">
                {item.label}
              </Link>
            ))}
          </nav>
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-8 sm:px-6">{children}</main>
    </div>
  );
}
