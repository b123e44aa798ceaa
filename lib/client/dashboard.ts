// The typed client as the dashboard uses it: same origin, the session cookie authenticates.
import { RunyardClient } from "@/lib/client/runyard-client";

export const dashboardClient = new RunyardClient({ baseUrl: "" });

/** How often live views refetch: state changes show within 2 s. */
export const LIVE_MS = 1500;
