import type { Metadata } from "next";
import { AdminsOnly } from "@/components/accounts/admins-only";
import { TokensView } from "@/components/accounts/tokens-view";
import { requireTeamPrincipal } from "@/lib/server/accounts/dashboard-session";

export const metadata: Metadata = { title: "API tokens" };
export const dynamic = "force-dynamic";

export default async function TokensPage() {
  const principal = await requireTeamPrincipal();
  return principal.scope === "admin" ? <TokensView /> : <AdminsOnly what="API tokens" />;
}
