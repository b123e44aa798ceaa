"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";

export function UserMenu({ name, email, role }: { name: string; email: string; role?: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  return (
    <div className="flex items-center gap-3">
      <div className="hidden text-right leading-tight lg:block">
        <div className="text-sm font-medium text-slate-800">{name}</div>
        <div className="text-xs text-slate-500">
          {email}
          {role ? ` · ${role}` : ""}
        </div>
      </div>
      <button
        type="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          await fetch("/api/auth/sign-out", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
          router.push("/sign-in");
          router.refresh();
        }}
        className="whitespace-nowrap rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-600 ring-1 ring-inset ring-slate-200 hover:bg-slate-50"
      >
        Sign out
      </button>
    </div>
  );
}
