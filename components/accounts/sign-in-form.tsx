"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";

export function SignInForm() {
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
        setPending(false);
        if (response?.ok) {
          router.push("/");
          router.refresh();
        } else if (response?.status === 429) {
          setError("Too many attempts. Wait a minute, then try again.");
        } else if (response) {
          setError("That email and password do not match an account.");
        } else {
          setError("Runyard cannot be reached. Check your connection.");
        }
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
