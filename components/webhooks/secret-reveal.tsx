"use client";
// The one time a webhook secret is shown (after adding an endpoint or rotating its secret),
// with how a receiver checks the signature.
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";

export function SecretReveal({ secret, onDone }: { secret: string; onDone: () => void }) {
  return (
    <div className="space-y-4">
      <div className="palette-fixed flex items-center gap-2 rounded-lg bg-slate-900 p-3">
        <code data-testid="webhook-secret" className="flex-1 break-all font-mono text-xs text-emerald-300">{secret}</code>
        <CopyButton text={secret} className="bg-slate-800 text-slate-200 hover:bg-slate-700 hover:text-white" />
      </div>
      <div className="text-xs text-slate-600">
        <p>
          Each delivery carries <code className="font-mono">X-Runyard-Signature: sha256=&lt;hex&gt;</code>, the HMAC-SHA256 of the raw request body
          with this secret. Check it before trusting a delivery:
        </p>
        <pre className="mt-2 overflow-x-auto rounded-md bg-slate-50 p-2 font-mono text-[11px] leading-relaxed text-slate-700 ring-1 ring-slate-200">{`expected = "sha256=" + hmac_sha256(secret, raw_body).hex()
compare_digest(expected, request.headers["X-Runyard-Signature"])`}</pre>
      </div>
      <div className="flex justify-end"><Button variant="primary" onClick={onDone}>Done</Button></div>
    </div>
  );
}
