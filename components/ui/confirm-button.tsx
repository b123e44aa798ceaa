"use client";
// A button that asks first: destructive actions (retire, cancel, revoke) need a second click.
import { useState, type ReactNode } from "react";
import { Button, type ButtonProps } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

export function ConfirmButton({ title, body, confirmLabel, onConfirm, pending, error, ...button }: ButtonProps & {
  title: string;
  body: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<unknown> | void;
  pending?: boolean;
  error?: string | null;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button {...button} onClick={() => setOpen(true)} />
      <Dialog open={open} onClose={() => setOpen(false)} title={title}>
        <div className="text-sm text-slate-600">{body}</div>
        {error && <p role="alert" className="mt-3 text-sm font-medium text-rose-700">{error}</p>}
        <div className="mt-6 flex justify-end gap-2">
          <Button onClick={() => setOpen(false)}>Keep it</Button>
          <Button
            variant="danger"
            disabled={pending}
            onClick={async () => {
              try {
                await onConfirm();
                setOpen(false);
              } catch {
                // the error is shown through `error`
              }
            }}
          >
            {pending ? "Working…" : confirmLabel}
          </Button>
        </div>
      </Dialog>
    </>
  );
}
