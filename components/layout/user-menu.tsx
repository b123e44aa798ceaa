"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";

export function UserMenu({ name, email, role, compact = false }: { name: string; email: string; role?: string; compact?: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  return (
    <div className="flex items-center gap-3">
      {!compact && (
        <div className="hidden max-w-52 text-right leading-tight xl:block" title={email}>
          <div className="truncate whitespace-nowrap text-sm font-medium text-slate-800">{name}</div>
          <div className="truncate whitespace-nowrap text-xs text-slate-600">
            {email}
            {role ? ` · ${role}` : ""}
          </div>
        </div>
      )}
      <button
        type="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          await fetch("/api/auth/sign-out", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
          router.push("/sign-in");
          router.refresh();
        }}
        className="whitespace-nowrap rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-600 ring-1 ring-inset ring-slate-200 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      >
        Sign out
      </button>
    </div>
  );
}
