import { NotFoundCard } from "@/components/layout/not-found-card";

/** A run, webhook or worker that does not exist (or is another team's), inside the dashboard. */
export default function DashboardNotFound() {
  return (
    <div className="py-16">
      <NotFoundCard />
    </div>
  );
}
