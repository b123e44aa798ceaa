"use client";
// The team the dashboard acts in, kept in a cookie the server reads on every request.
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";

export function TeamSwitcher({ memberships, currentId, alwaysShown = false }: { memberships: { teamId: string; teamName: string; role: string }[]; currentId: string; alwaysShown?: boolean }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  if (memberships.length < 2) {
    const only = memberships[0];
    return only ? <span className={`${alwaysShown ? "inline-block" : "hidden md:inline-block"} max-w-48 truncate whitespace-nowrap rounded-md bg-slate-100 px-2.5 py-1 text-xs font-medium text-slate-700`} title={only.teamName}>{only.teamName}</span> : null;
  }
  return (
    <label className="flex items-center gap-1 text-xs text-slate-600">
      <span className="sr-only">Team</span>
      <select
        aria-label="Team"
        value={currentId}
        onChange={(e) => {
          document.cookie = `runyard_team=${encodeURIComponent(e.target.value)}; path=/; max-age=31536000; samesite=lax`;
          queryClient.clear();
          router.refresh();
        }}
        className="rounded-md border-0 bg-slate-100 py-1 pl-2 pr-7 text-xs font-medium text-slate-800 ring-1 ring-inset ring-slate-200 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600"
      >
        {memberships.map((m) => (
          <option key={m.teamId} value={m.teamId}>
            {m.teamName} ({m.role})
          </option>
        ))}
      </select>
    </label>
  );
}
