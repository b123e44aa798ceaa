import type { Metadata } from "next";
import { AdminsOnly } from "@/components/accounts/admins-only";
import { WebhooksView } from "@/components/webhooks/webhooks-view";
import { requireTeamPrincipal } from "@/lib/server/accounts/dashboard-session";

export const metadata: Metadata = { title: "Webhooks" };
export const dynamic = "force-dynamic";

export default async function WebhooksPage() {
  const principal = await requireTeamPrincipal();
  return principal.scope === "admin" ? <WebhooksView /> : <AdminsOnly what="Webhooks" />;
}
