// Next 16's proxy (formerly middleware): runs before routing. Only /api requests (and /metrics) are checked,
// by lib/server/http/route-guard.ts; everything else passes through untouched.
import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { guardApiRequest } from "@/lib/server/http/route-guard";
import { problemResponse } from "@/lib/server/http/problem";

export function proxy(request: NextRequest) {
  // The raw path as sent (nextUrl may already be normalised or fail to decode).
  const rawPath = new URL(request.url).pathname;
  const refused = guardApiRequest(request.method, rawPath);
  if (!refused) return NextResponse.next();
  const response = problemResponse(refused.error, randomUUID(), rawPath);
  if (refused.allow) response.headers.set("allow", refused.allow);
  return response;
}

export const config = { matcher: ["/api/:path*", "/metrics"] };
