"use client";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import { dashboardClient } from "@/lib/client/dashboard";
import { useAccountForm } from "@/components/accounts/use-account-form";

export function InviteForm({ token, email }: { token: string; email: string }) {
  const { onSubmit, pending, reason, general } = useAccountForm(
    (form) => dashboardClient.acceptInvite({ token, name: String(form.get("name")), password: String(form.get("password")) }),
    ["name", "email", "password"],
  );
  return (
    <form className="mt-6 space-y-4" onSubmit={onSubmit}>
      <Field label="Email" htmlFor="email">
        <TextInput id="email" value={email} readOnly disabled />
      </Field>
      <Field label="Your name" htmlFor="name" error={reason("name")}>
        <TextInput id="name" name="name" autoComplete="name" required autoFocus />
      </Field>
      <Field label="Password" htmlFor="password" hint="At least 10 characters, and not a common or easy-to-guess password." error={reason("password") ?? reason("email")}>
        <TextInput id="password" name="password" type="password" autoComplete="new-password" required minLength={10} />
      </Field>
      {general && <p role="alert" className="text-sm font-medium text-rose-700">{general}</p>}
      <Button type="submit" variant="primary" className="w-full" disabled={pending}>
        {pending ? "Joining…" : "Create account and join"}
      </Button>
    </form>
  );
}
