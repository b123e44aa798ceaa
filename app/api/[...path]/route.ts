// Any other /api path: a problem+json 404 rather than the HTML page.
import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/server/errors";
import { problemResponse } from "@/lib/server/http/problem";

const notFound = async (request: Request) =>
  problemResponse(new AppError("not_found", `no API route ${new URL(request.url).pathname}`), randomUUID(), new URL(request.url).pathname);

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
