import Link from "next/link";
import type { ReactNode } from "react";
import { NavLinks } from "@/components/layout/nav-links";
import { TeamSwitcher } from "@/components/layout/team-switcher";
import { UserMenu } from "@/components/layout/user-menu";
import type { Membership, SessionUser } from "@/lib/server/accounts/session-principal";

export function AppShell({ user, memberships, current, children }: { user: SessionUser; memberships: Membership[]; current: Membership | undefined; children: ReactNode }) {
  const isAdmin = current?.role === "admin";
  const nav = [
    { href: "/", label: "Overview" },
    { href: "/workers", label: "My Workers" },
    { href: "/runs", label: "Runs" },
    { href: "/team", label: "Team" },
    ...(isAdmin ? [{ href: "/tokens", label: "Tokens" }, { href: "/webhooks", label: "Webhooks" }, { href: "/audit", label: "Audit log" }] : []),
  ];
  return (
    <div className="min-h-screen">
      <header className="sticky top-0 z-20 border-b border-slate-200 bg-white/90 backdrop-blur">
        <div className="mx-auto flex h-14 max-w-7xl items-center gap-4 px-4 sm:px-6">
          <Link href="/" className="flex shrink-0 items-center gap-2 font-semibold tracking-tight text-slate-900">
            <span aria-hidden className="grid h-7 w-7 place-items-center rounded-md bg-indigo-600 text-sm font-bold text-white">R</span>
            <span className="hidden sm:inline">Runyard</span>
          </Link>
          <NavLinks items={nav} />
          <div className="ml-auto flex items-center gap-2">
            {current && <TeamSwitcher memberships={memberships} currentId={current.teamId} />}
            <UserMenu name={user.name} email={user.email} role={current?.role} />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-8 sm:px-6">{children}</main>
    </div>
  );
}
