"use client";
// A signed-in user accepting an invitation made for their email: their consent to join. The
// answer makes the joined team this browser's current one, so the dashboard opens in it.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { dashboardClient } from "@/lib/client/dashboard";
import { RunyardApiError } from "@/lib/client/errors";

export function JoinTeamButton({ token, teamName }: { token: string; teamName: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="mt-6 space-y-3">
      <Button
        variant="primary"
        className="w-full"
        disabled={pending}
        onClick={async () => {
          setPending(true);
          setError(null);
          try {
            await dashboardClient.joinTeam({ token });
            router.push("/");
            router.refresh();
          } catch (err) {
            setError(err instanceof RunyardApiError ? err.problem.detail : "Runyard cannot be reached. Check your connection.");
            setPending(false);
          }
        }}
      >
        {pending ? "Joining…" : `Join ${teamName}`}
      </Button>
      {error && <p role="alert" className="text-sm font-medium text-rose-700">{error}</p>}
    </div>
  );
}
