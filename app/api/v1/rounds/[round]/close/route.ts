// POST /api/v1/rounds/<round>/close – close a round to upload tokens (admin token;
// the procedure admin.closeRound).
import { adminRoute } from "@/lib/server/http/admin-route";

export const dynamic = "force-dynamic";

export const POST = adminRoute({ call: (caller, _body, params) => caller.admin.closeRound({ round: params.round! }) });
