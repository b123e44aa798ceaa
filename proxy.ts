// Next 16's proxy (formerly middleware): runs before routing.
//  - /api requests (and /metrics) are checked by lib/server/http/route-guard.ts (their security headers come
//    from the API wrapper, not from here: this branch stays as cheap as it was);
//  - pages get a fresh CSP nonce and the security headers (lib/server/http/security-headers.ts).
//    Next reads the nonce from the request's Content-Security-Policy header and puts it on its
//    scripts, which is why every page renders per request (app/layout.tsx).
import { randomBytes, randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { guardApiRequest } from "@/lib/server/http/route-guard";
import { problemResponse } from "@/lib/server/http/problem";
import { PAGE_PATH_HEADER } from "@/lib/server/http/page-path";
import { isSecureOrigin } from "@/lib/server/http/public-origin";
import { pageCsp, setCommonHeaders, setTransportSecurity } from "@/lib/server/http/security-headers";

function guardApi(request: NextRequest, rawPath: string) {
  const refused = guardApiRequest(request.method, rawPath);
  if (!refused) return NextResponse.next();
  const response = problemResponse(refused.error, randomUUID(), rawPath);
  if (refused.allow) response.headers.set("allow", refused.allow);
  setTransportSecurity(response.headers, request.headers);
  return response;
}

function page(request: NextRequest) {
  const nonce = randomBytes(16).toString("base64");
  const csp = pageCsp(nonce, { dev: process.env.NODE_ENV === "development", https: isSecureOrigin(request.headers) });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", csp);
  requestHeaders.set("x-nonce", nonce);
  // The path as routed, for the dashboard layout's 404 check (lib/server/http/missing-page-target.ts).
  requestHeaders.set(PAGE_PATH_HEADER, request.nextUrl.pathname);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  setCommonHeaders(response.headers);
  setTransportSecurity(response.headers, request.headers);
  return response;
}

export function proxy(request: NextRequest) {
  // The raw path as sent (nextUrl may already be normalised or fail to decode).
  const rawPath = new URL(request.url).pathname;
  // /metrics is an API route outside /api (Prometheus's convention): guarded like one.
  const isApi = rawPath === "/api" || rawPath.startsWith("/api/") || rawPath === "/metrics";
  return isApi ? guardApi(request, rawPath) : page(request);
}

export const config = {
  matcher: [
    "/api/:path*",
    // Pages: not Next's static files (hashed bundles need no policy of their own) nor router
    // prefetches (RSC payloads, never a document).
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
