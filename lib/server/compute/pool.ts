// The compute worker pool: every scoring and analysis of a pool runs on a
// worker thread (piscina), so the request loop stays free for everything else
// (/api/health included). Admission control in front of it (docs/availability.md):
// the cost cap (cost.ts), at most COMPUTE_PER_CLIENT computations per client
// address (429) and COMPUTE_PENDING in the whole process, queued or running
// (503), and a deadline after which the task is cancelled (503). All three
// answers carry Retry-After. Identical requests share one computation one
// level up: readPoolView caches the promise of a view by its key.
// Two lanes, each a pool sized to the cores: tasks under COMPUTE_LIGHT_COST
// (the scores behind every page) never wait behind expensive analyses.
import { AsyncLocalStorage } from "node:async_hooks";
import { availableParallelism } from "node:os";
import path from "node:path";
import { Piscina } from "piscina";
import { AppError } from "@/lib/server/errors";
import { clientIp } from "@/lib/server/rate-limit";
import { assertAffordable } from "./cost";
import { unpackArrays } from "./packed-arrays";
import type { ComputeResult, ComputeTask, TaskOutcome } from "./tasks";

function fromEnv(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
}

/** Read per call, so a test instance can be started with other limits. */
export const COMPUTE_LIMITS = {
  threads: () => fromEnv("COMPUTE_THREADS", availableParallelism()),
  perClient: () => fromEnv("COMPUTE_PER_CLIENT", 2),
  /** Queued or running expensive tasks in the process; light ones may queue 16 times as many. */
  pending: () => fromEnv("COMPUTE_PENDING", 4 * COMPUTE_LIMITS.threads()),
  lightCost: () => fromEnv("COMPUTE_LIGHT_COST", 1_000_000),
  deadlineSeconds: () => fromEnv("COMPUTE_DEADLINE_SECONDS", 20),
};

/** A computation refused for lack of capacity (not a database failure: cache.ts serves no stale value for it). */
export class ComputeBusyError extends AppError {
  constructor(code: "TOO_MANY_REQUESTS" | "SERVICE_UNAVAILABLE", message: string, retryAfter: number) {
    super(code, message, [], { "Retry-After": String(retryAfter) });
    this.name = "ComputeBusyError";
  }
}

const clients = new AsyncLocalStorage<string>();

/** Runs `fn` with computations counted against `client` (an address; see rate-limit.ts clientIp). */
export function withClient<T>(client: string, fn: () => Promise<T>): Promise<T> {
  return clients.run(client, fn);
}

type Lane = "light" | "heavy";
const lanes: Record<Lane, { workers: Piscina | null; pending: number }> = { light: { workers: null, pending: 0 }, heavy: { workers: null, pending: 0 } };

function pool(lane: Lane): Piscina {
  // Resolved from the project folder at run time: the worker is loaded by
  // Node (with tsx), not bundled by Next (next.config.js serverExternalPackages).
  lanes[lane].workers ??= new Piscina({
    filename: path.join(process.cwd(), "lib", "server", "compute", "worker.mjs"),
    minThreads: lane === "light" ? 1 : 0,
    maxThreads: COMPUTE_LIMITS.threads(),
    // Expensive analyses run below the request loop's priority (Linux nice, per
    // thread): /api/health, pages and cheap scorings win the CPU over them.
    // The light lane keeps the normal priority: pages wait for it.
    ...(lane === "heavy" ? { niceIncrement: 10 } : {}),
    idleTimeout: 60_000,
  });
  return lanes[lane].workers!;
}

const perClient = new Map<string, number>();

/**
 * Runs `task` on a worker. What the scoring engine refuses becomes a 400
 * starting with `what`; over the cost cap a 400 naming the parameters.
 */
export async function compute<K extends ComputeTask["kind"]>(task: ComputeTask & { kind: K }, what = "cannot score this pool"): Promise<ComputeResult<K>> {
  const lane: Lane = assertAffordable(task).units < COMPUTE_LIMITS.lightCost() ? "light" : "heavy";
  const queue = lanes[lane];
  // Cheap tasks are bounded by the light lane's queue alone; the per-client limit is for expensive ones.
  const client = lane === "heavy" ? (clients.getStore() ?? null) : null;
  const mine = client === null ? 0 : (perClient.get(client) ?? 0);
  if (client !== null && mine >= COMPUTE_LIMITS.perClient()) {
    throw new ComputeBusyError("TOO_MANY_REQUESTS", `at most ${COMPUTE_LIMITS.perClient()} computations at a time per client; retry when one has finished`, 2);
  }
  if (queue.pending >= COMPUTE_LIMITS.pending() * (lane === "light" ? 16 : 1)) {
    throw new ComputeBusyError("SERVICE_UNAVAILABLE", `the server is computing ${queue.pending} other requests; retry in a few seconds`, 5);
  }
  queue.pending++;
  if (client !== null) perClient.set(client, mine + 1);
  const deadline = COMPUTE_LIMITS.deadlineSeconds();
  let outcome: TaskOutcome;
  try {
    outcome = (await pool(lane).run(task, { signal: AbortSignal.timeout(deadline * 1000) })) as TaskOutcome;
  } catch (error) {
    if (error instanceof Error && error.name === "AbortError") {
      throw new ComputeBusyError(
        "SERVICE_UNAVAILABLE",
        `the computation did not finish within ${deadline} s and was cancelled; retry later or ask for less`,
        deadline,
      );
    }
    throw error;
  } finally {
    queue.pending--;
    if (client !== null) {
      const left = (perClient.get(client) ?? 1) - 1;
      if (left > 0) perClient.set(client, left);
      else perClient.delete(client);
    }
  }
  if (!outcome.ok) throw new AppError("BAD_REQUEST", `${what}: ${outcome.refused}`);
  return unpackArrays(outcome.value) as ComputeResult<K>;
}

/** `fn` with its computations counted against the request's client address. */
export function forRequest<T>(req: Request, fn: () => Promise<T>): Promise<T> {
  return withClient(clientIp(req.headers), fn);
}
