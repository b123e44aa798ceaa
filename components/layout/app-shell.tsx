import Link from "next/link";
import type { ReactNode } from "react";
import { MobileMenu } from "@/components/layout/mobile-menu";
import { NavLinks } from "@/components/layout/nav-links";
import { SkipLink } from "@/components/layout/skip-link";
import { ThemeToggle } from "@/components/layout/theme-toggle";
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
      <SkipLink />
      <header className="sticky top-0 z-20 border-b border-slate-200 bg-white/90 backdrop-blur">
        <div className="relative mx-auto flex h-14 max-w-7xl items-center gap-4 px-4 sm:px-6">
          <Link href="/" aria-label="Runyard overview" className="flex shrink-0 items-center gap-2 rounded-md font-semibold tracking-tight text-slate-900">
            <span aria-hidden className="grid h-7 w-7 place-items-center rounded-md bg-indigo-600 text-sm font-bold text-white">R</span>
            <span aria-hidden className="hidden sm:inline">Runyard</span>
          </Link>
          <div className="hidden min-w-0 lg:flex">
            <NavLinks items={nav} />
          </div>
          <div className="ml-auto hidden items-center gap-2 lg:flex">
            {current && <TeamSwitcher memberships={memberships} currentId={current.teamId} />}
            <ThemeToggle />
            <UserMenu name={user.name} email={user.email} role={current?.role} />
          </div>
          <div className="ml-auto lg:hidden">
            <MobileMenu items={nav}>
              <div className="flex flex-wrap items-center justify-between gap-3">
                <div className="min-w-0 leading-tight">
                  <div className="truncate text-sm font-medium text-slate-800">{user.name}</div>
                  <div className="truncate text-xs text-slate-600">{user.email}{current?.role ? ` · ${current.role}` : ""}</div>
                </div>
                <div className="flex flex-wrap items-center gap-2">
                  <ThemeToggle />
                  {current && <TeamSwitcher memberships={memberships} currentId={current.teamId} alwaysShown />}
                  <UserMenu name={user.name} email={user.email} role={current?.role} compact />
                </div>
              </div>
            </MobileMenu>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-8 outline-none sm:px-6">{children}</main>
    </div>
  );
}
