// /api/auth/* — Better Auth's endpoints: sign-in, sign-out, session (see lib/server/accounts/auth.ts).
import { getAuth } from "@/lib/server/accounts/auth";

export const dynamic = "force-dynamic";

const handle = async (request: Request) => (await getAuth()).handler(request);

export const GET = handle;
export const POST = handle;
