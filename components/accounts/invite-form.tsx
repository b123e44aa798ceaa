"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import { dashboardClient } from "@/lib/client/dashboard";
import { RunyardApiError } from "@/lib/client/errors";

export function InviteForm({ token, email }: { token: string; email: string }) {
  const router = useRouter();
  const [error, setError] = useState<RunyardApiError | Error | null>(null);
  const [pending, setPending] = useState(false);
  const reason = (field: string) => (error instanceof RunyardApiError ? error.reasonFor(field) : undefined);
  return (
    <form
      className="mt-6 space-y-4"
      onSubmit={async (e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        setPending(true);
        setError(null);
        try {
          await dashboardClient.acceptInvite({ token, name: String(form.get("name")), password: String(form.get("password")) });
          router.push("/");
          router.refresh();
        } catch (err) {
          setError(err as Error);
        } finally {
          setPending(false);
        }
      }}
    >
      <Field label="Email" htmlFor="email">
        <TextInput id="email" value={email} readOnly disabled />
      </Field>
      <Field label="Your name" htmlFor="name" error={reason("name")}>
        <TextInput id="name" name="name" autoComplete="name" required autoFocus />
      </Field>
      <Field label="Password" htmlFor="password" hint="At least 10 characters." error={reason("password") ?? reason("email")}>
        <TextInput id="password" name="password" type="password" autoComplete="new-password" required minLength={10} />
      </Field>
      {error && !reason("password") && !reason("email") && !reason("name") && (
        <p role="alert" className="text-sm font-medium text-rose-600">{error instanceof RunyardApiError ? error.problem.detail : error.message}</p>
      )}
      <Button type="submit" variant="primary" className="w-full" disabled={pending}>
        {pending ? "Joining…" : "Create account and join"}
      </Button>
    </form>
  );
}
