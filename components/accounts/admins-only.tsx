export function AdminsOnly({ what }: { what: string }) {
  return (
    <div role="alert" className="rounded-xl border border-amber-200 bg-amber-50 p-6 text-sm text-amber-900">
      <h1 className="text-base font-semibold">Admins only</h1>
      <p className="mt-1">{what} are managed by team admins. Ask one of them if you need access.</p>
    </div>
  );
}
