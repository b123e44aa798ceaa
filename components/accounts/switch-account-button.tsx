"use client";
// Signed in as someone else than an invitation is for: sign out, then sign in and come back here.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";

export function SwitchAccountButton({ next }: { next: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  return (
    <Button
      className="mt-6 w-full"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        await fetch("/api/auth/sign-out", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }).catch(() => null);
        router.push(`/sign-in?next=${encodeURIComponent(next)}`);
        router.refresh();
      }}
    >
      {pending ? "Signing out…" : "Sign out and sign in as the invited person"}
    </Button>
  );
}
