// Run by the app's HTTP server (scripts/serve.ts) on every request before Next.js sees it:
// X-Forwarded-For/-Proto/-Host are replaced by what the TCP peer and the trusted proxies vouch
// for. Next itself only fills these headers when they are absent (`??=`), so without this a
// client could write its own address, scheme and host into them.
import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";
import { forwardedView, type TrustedProxies } from "@/lib/server/http/trusted-proxies";

const first = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value.join(", ") : value);

export function rewriteForwardedHeaders(request: IncomingMessage, trusted: TrustedProxies): void {
  const headers = request.headers;
  const view = forwardedView(
    {
      peer: request.socket.remoteAddress ?? "",
      encrypted: Boolean((request.socket as TLSSocket).encrypted),
      host: headers.host,
      forwardedFor: first(headers["x-forwarded-for"]),
      forwardedProto: first(headers["x-forwarded-proto"]),
      forwardedHost: first(headers["x-forwarded-host"]),
    },
    trusted,
  );
  delete headers["forwarded"];
  delete headers["x-forwarded-port"];
  delete headers["x-real-ip"];
  headers["x-forwarded-for"] = view.clientAddress;
  headers["x-forwarded-proto"] = view.proto;
  if (view.host) headers["x-forwarded-host"] = view.host;
  else delete headers["x-forwarded-host"];
}
