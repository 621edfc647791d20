// A cold view rendered once per machine, not once per worker process
// (docs/page-cache.md "One render per machine"). The worker processes of
// `npm start` (scripts/server.ts) each keep their own page cache; on a miss a
// worker asks the cluster primary, over the cluster's IPC channel, for the
// render lease of (site version, view key). The first asker renders; the
// others wait. When the render is done, the primary sends the page to every
// other worker: the waiters serve it, the rest store it, so a later first
// reader on another worker gets a hit. If the renderer dies (the primary
// sees it exit) or takes longer than the lease time, the waiters render
// themselves: a crash never wedges the others.
import type { Cluster, Worker } from "node:cluster";
import type { StoredPage } from "./page-store";

/** Messages on the IPC channel (`serialization: "advanced"`, so page bodies travel as bytes). */
type ToPrimary = { algoperfPages: "lease"; id: string } | { algoperfPages: "done"; id: string; key: string; page: StoredPage | null };
type ToWorker = { algoperfPages: "granted"; id: string } | { algoperfPages: "result"; id: string; key: string; page: StoredPage | null };

const isMessage = (m: unknown): m is { algoperfPages: string; id: string } => typeof m === "object" && m !== null && "algoperfPages" in m;

/** The lease id of a view at a site version. */
export const leaseId = (version: string, key: string) => `${version}\u0000${key}`;

interface Lease {
  holder: number;
  since: number;
  waiters: Set<number>;
}

/**
 * The primary's side: grants one render lease per view and version, and
 * relays the rendered page. `leaseMs` bounds how long a renderer may hold a
 * lease before the next asker gets it (a hung worker); `log` (optional)
 * receives a line per lease granted and per waiter, for tests.
 */
export function coordinatePageRenders(cluster: Cluster, options: { leaseMs: number; log?: (line: string) => void }): void {
  const leases = new Map<string, Lease>();
  const pid = (id: number) => cluster.workers?.[id]?.process.pid ?? "?";
  const send = (w: Worker | undefined, m: ToWorker) => {
    if (w?.isConnected()) w.send(m);
  };
  const release = (id: string, key: string, page: StoredPage | null, from: number | null) => {
    const lease = leases.get(id);
    leases.delete(id);
    // Waiters get the result (null: render yourselves); the other workers keep a rendered page.
    for (const w of Object.values(cluster.workers ?? {})) {
      if (!w || w.id === from || (!page && !lease?.waiters.has(w.id))) continue;
      send(w, { algoperfPages: "result", id, key, page });
    }
  };
  cluster.on("message", (worker: Worker, message: unknown) => {
    if (!isMessage(message)) return;
    const m = message as ToPrimary;
    if (m.algoperfPages === "done") return release(m.id, m.key, m.page, worker.id);
    const held = leases.get(m.id);
    if (held && held.holder !== worker.id && Date.now() - held.since < options.leaseMs) {
      held.waiters.add(worker.id);
      options.log?.(`page render: worker ${worker.process.pid} waits for worker ${pid(held.holder)}: ${JSON.stringify(m.id)}`);
      return;
    }
    // A lease past its time goes to the new asker; its old waiters keep waiting for whoever finishes first.
    leases.set(m.id, { holder: worker.id, since: Date.now(), waiters: held?.waiters ?? new Set() });
    options.log?.(`page render: worker ${worker.process.pid} renders ${JSON.stringify(m.id)}`);
    send(worker, { algoperfPages: "granted", id: m.id });
  });
  cluster.on("exit", (worker: Worker) => {
    for (const [id, lease] of leases) {
      lease.waiters.delete(worker.id);
      if (lease.holder === worker.id) release(id, id.slice(id.indexOf("\u0000") + 1), null, worker.id);
    }
  });
}

/** The worker's side (see lib/server/http/page-cache-handler.ts). */
export interface PeerRenders {
  /**
   * Whether this process renders `id` (then it must call `done`), or the page
   * another process rendered; null when the renderer died, its render was not
   * storable or no answer came within the wait: render it yourself.
   */
  lease(id: string): Promise<{ render: true } | { render: false; page: StoredPage | null }>;
  done(id: string, key: string, page: StoredPage | null): void;
}

/** Pages travel as Uint8Arrays; the template's pieces are used as Buffers. */
function revive(page: StoredPage): StoredPage {
  const buf = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  return { ...page, template: { ...page.template, body: page.template.body.map(buf) } };
}

/**
 * Connects a worker process to the primary's coordinator. `store` receives
 * the pages other workers rendered that nobody here waited for; `waitMs`
 * bounds a wait for another worker's render.
 */
export function peerRenders(proc: NodeJS.Process, options: { waitMs: number; store: (key: string, page: StoredPage) => void }): PeerRenders {
  const pending = new Map<string, (answer: { render: true } | { render: false; page: StoredPage | null }) => void>();
  proc.on("message", (message: unknown) => {
    if (!isMessage(message)) return;
    const m = message as ToWorker;
    const page = m.algoperfPages === "result" && m.page ? revive(m.page) : null;
    const waiting = pending.get(m.id);
    pending.delete(m.id);
    if (waiting) waiting(m.algoperfPages === "granted" ? { render: true } : { render: false, page });
    else if (m.algoperfPages === "result" && page) options.store(m.key, page);
  });
  /** False when the primary is gone (the process is shutting down): this process then renders on its own. */
  const send = (m: ToPrimary) => {
    if (!proc.connected || !proc.send) return false;
    try {
      proc.send(m);
      return true;
    } catch {
      return false;
    }
  };
  return {
    lease(id) {
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve({ render: false, page: null });
        }, options.waitMs);
        timer.unref();
        pending.set(id, (answer) => {
          clearTimeout(timer);
          resolve(answer);
        });
        if (!send({ algoperfPages: "lease", id })) {
          pending.delete(id);
          clearTimeout(timer);
          resolve({ render: true });
        }
      });
    },
    done(id, key, page) {
      send({ algoperfPages: "done", id, key, page });
    },
  };
}
