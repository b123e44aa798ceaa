export default function Loading() {
  return (
    <div className="space-y-3" aria-busy="true" aria-label="Loading workers">
      <div className="h-8 w-48 animate-pulse rounded bg-slate-200" />
      {Array.from({ length: 5 }, (_, i) => (
        <div key={i} className="h-12 animate-pulse rounded bg-slate-100" />
      ))}
    </div>
  );
}
