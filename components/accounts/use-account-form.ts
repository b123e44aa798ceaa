"use client";
// The submit cycle the account forms share: pending state, the server's problem kept so each
// field can show its own reason, and on success a fresh dashboard.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { RunyardApiError } from "@/lib/client/errors";

export function useAccountForm(submit: (form: FormData) => Promise<unknown>, fields: string[]) {
  const router = useRouter();
  const [error, setError] = useState<RunyardApiError | Error | null>(null);
  const [pending, setPending] = useState(false);
  const reason = (field: string) => (error instanceof RunyardApiError ? error.reasonFor(field) : undefined);
  // A problem no field claims is shown once, under the form.
  const general = error && !fields.some((field) => reason(field)) ? (error instanceof RunyardApiError ? error.problem.detail : error.message) : null;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      await submit(form);
      router.push("/");
      router.refresh();
    } catch (err) {
      setError(err as Error);
    } finally {
      setPending(false);
    }
  }

  return { onSubmit, pending, reason, general };
}
