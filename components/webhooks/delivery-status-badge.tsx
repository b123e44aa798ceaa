import type { DeliveryStatus } from "@/lib/contract/webhooks";

const STYLES = {
  delivered: { dot: "bg-emerald-500", badge: "bg-emerald-50 text-emerald-700 ring-emerald-200", word: "Delivered" },
  pending: { dot: "bg-amber-500", badge: "bg-amber-50 text-amber-800 ring-amber-200", word: "Pending" },
  retrying: { dot: "bg-orange-500", badge: "bg-orange-50 text-orange-700 ring-orange-200", word: "Retrying" },
  failed: { dot: "bg-rose-500", badge: "bg-rose-50 text-rose-700 ring-rose-200", word: "Failed" },
} as const;

/** A delivery's state in colour and words: pending after a failed attempt reads "Retrying". */
export function DeliveryStatusBadge({ status, lastError }: { status: DeliveryStatus; lastError: string | null }) {
  const style = STYLES[status === "pending" && lastError ? "retrying" : status];
  return (
    <span data-testid="delivery-status" className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${style.badge}`}>
      <span aria-hidden className={`h-1.5 w-1.5 rounded-full ${style.dot}`} />
      {style.word}
    </span>
  );
}
