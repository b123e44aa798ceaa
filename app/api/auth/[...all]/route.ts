// /api/auth/* — Better Auth's endpoints: sign-in, sign-out, session (see lib/server/accounts/auth.ts),
// behind our origin check, client address and sign-in throttle (lib/server/accounts/auth-request.ts).
import { handleAuthRequest } from "@/lib/server/accounts/auth-request";

export const dynamic = "force-dynamic";

export const GET = handleAuthRequest;
export const POST = handleAuthRequest;
