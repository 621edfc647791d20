// PATCH /api/v1/rounds/<round> – change a round (admin token; the procedure
// admin.updateRound): refused with 409 once it has results and a score would change.
import { adminRoute } from "@/lib/server/http/admin-route";

export const dynamic = "force-dynamic";

export const PATCH = adminRoute({ call: (caller, body, params) => caller.admin.updateRound({ ...body, round: params.round } as never) });
