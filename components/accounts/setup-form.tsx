"use client";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import { dashboardClient } from "@/lib/client/dashboard";
import { useAccountForm } from "@/components/accounts/use-account-form";

export function SetupForm() {
  const { onSubmit, pending, reason, general } = useAccountForm(
    (form) =>
      dashboardClient.setupFirstAdmin({
        name: String(form.get("name")),
        email: String(form.get("email")),
        password: String(form.get("password")),
        adminToken: String(form.get("adminToken")),
      }),
    ["name", "email", "password", "adminToken"],
  );
  return (
    <form className="mt-6 space-y-4" onSubmit={onSubmit}>
      <Field label="Your name" htmlFor="name" error={reason("name")}>
        <TextInput id="name" name="name" autoComplete="name" required autoFocus invalid={Boolean(reason("name"))} />
      </Field>
      <Field label="Email" htmlFor="email" error={reason("email")}>
        <TextInput id="email" name="email" type="email" autoComplete="email" required invalid={Boolean(reason("email"))} />
      </Field>
      <Field label="Password" htmlFor="password" hint="At least 10 characters, and not a common or easy-to-guess password." error={reason("password")}>
        <TextInput id="password" name="password" type="password" autoComplete="new-password" required minLength={10} invalid={Boolean(reason("password"))} />
      </Field>
      <Field label="Admin token" htmlFor="adminToken" hint="Starts with ry_. Shown once in the npm start output." error={reason("adminToken")}>
        <TextInput id="adminToken" name="adminToken" required autoComplete="off" className="font-mono" invalid={Boolean(reason("adminToken"))} />
      </Field>
      {general && <p role="alert" className="text-sm font-medium text-rose-700">{general}</p>}
      <Button type="submit" variant="primary" className="w-full" disabled={pending}>
        {pending ? "Creating…" : "Create the first admin"}
      </Button>
    </form>
  );
}
