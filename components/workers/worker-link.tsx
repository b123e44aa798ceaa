import Link from "next/link";

/** A worker's name, linking to its page (app/(dashboard)/workers/[id]). */
export function WorkerLink({ id, name, className = "" }: { id: string; name: string | null | undefined; className?: string }) {
  return (
    <Link href={`/workers/${id}`} className={`font-medium text-indigo-700 hover:underline ${className}`} data-testid="worker-link">
      {name ?? id.slice(0, 8)}
    </Link>
  );
}
