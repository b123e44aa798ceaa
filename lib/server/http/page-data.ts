// A dashboard page's first data, read on the server. A database that is down — or an app so
// loaded that no pooled connection frees up in time — must give the calm "database unavailable —
// retrying" notice (components/layout/database-unavailable.tsx), never a 500 (issue 12): the
// layout covers the session lookup, this covers the page's own reads.
import { isDatabaseOutage } from "@/lib/server/http/outage";

export type PageData<T> = { data: T; outage?: undefined } | { data?: undefined; outage: true };

export async function pageData<T>(load: () => Promise<T>): Promise<PageData<T>> {
  try {
    return { data: await load() };
  } catch (error) {
    // redirect()/notFound() and real bugs go on as they are.
    if (await isDatabaseOutage(error)) return { outage: true };
    throw error;
  }
}
