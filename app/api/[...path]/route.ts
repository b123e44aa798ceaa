// Any other /api path: a problem+json 404 rather than the HTML page.
import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/server/errors";
import { problemResponse } from "@/lib/server/http/problem";
import { setTransportSecurity } from "@/lib/server/http/security-headers";

const notFound = async (request: Request) => {
  const path = new URL(request.url).pathname;
  const response = problemResponse(new AppError("not_found", `no API route ${path}`), randomUUID(), path);
  setTransportSecurity(response.headers, request.headers);
  return response;
};

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
