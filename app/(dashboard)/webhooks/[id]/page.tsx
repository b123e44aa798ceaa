import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AdminsOnly } from "@/components/accounts/admins-only";
import { DeliveriesView } from "@/components/webhooks/deliveries-view";
import { requireTeamPrincipal } from "@/lib/server/accounts/dashboard-session";
import { AppError } from "@/lib/server/errors";
import { getWebhook } from "@/lib/server/webhooks/manage-webhooks";

export const metadata: Metadata = { title: "Webhook deliveries" };
export const dynamic = "force-dynamic";

export default async function WebhookDeliveriesPage({ params }: { params: Promise<{ id: string }> }) {
  const principal = await requireTeamPrincipal();
  if (principal.scope !== "admin") return <AdminsOnly what="Webhooks" />;
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  await getWebhook(principal.teamId, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  return <DeliveriesView id={id} />;
}
