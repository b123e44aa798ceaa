"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";

/** What a refused sign-in says: the server's words when it gave a wait (429), ours otherwise. */
async function refusal(response: Response): Promise<string> {
  if (response.status === 429) {
    const problem = (await response.json().catch(() => null)) as { detail?: string } | null;
    return problem?.detail ?? "Too many attempts. Wait a minute, then try again.";
  }
  if (response.status === 403) return "This sign-in was refused: open Runyard at its own address and try again.";
  return "That email and password do not match an account.";
}

/** `next`: where to go once signed in (a path on this site, checked by the page with safeNext). */
export function SignInForm({ next = "/" }: { next?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <form
      className="mt-6 space-y-4"
      onSubmit={async (e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        setPending(true);
        setError(null);
        const response = await fetch("/api/auth/sign-in/email", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email: form.get("email"), password: form.get("password") }),
        }).catch(() => null);
        if (response?.ok) {
          router.push(next);
          router.refresh();
          return;
        }
        setPending(false);
        setError(response ? await refusal(response) : "Runyard cannot be reached. Check your connection.");
      }}
    >
      <Field label="Email" htmlFor="email">
        <TextInput id="email" name="email" type="email" autoComplete="email" required autoFocus />
      </Field>
      <Field label="Password" htmlFor="password" error={error}>
        <TextInput id="password" name="password" type="password" autoComplete="current-password" required invalid={Boolean(error)} />
      </Field>
      <Button type="submit" variant="primary" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
      <p className="text-center text-xs text-slate-500">No account? A team admin can invite you.</p>
    </form>
  );
}
