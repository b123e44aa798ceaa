export function WorkersEmptyState() {
  return (
    <div className="rounded-xl border border-dashed border-slate-300 bg-white p-10 text-center">
      <h2 className="text-lg font-semibold">No workers yet</h2>
      <p className="mx-auto mt-2 max-w-xl text-sm text-slate-600">
        Register a worker with the labels that describe its machine. Labels are fixed once registered; runs go to
        workers that have every label they ask for.
      </p>
      <pre className="mx-auto mt-6 max-w-2xl overflow-x-auto rounded-lg bg-slate-900 p-4 text-left text-xs text-slate-100">
{`curl -X POST http://localhost:3000/api/v1/workers \\
  -H "Authorization: Bearer $RUNYARD_TOKEN" -H "Content-Type: application/json" \\
  -d '{"name": "gpu-box-1", "labels": ["gpu", "gpu-A100"]}'`}
      </pre>
    </div>
  );
}
