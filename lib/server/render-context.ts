// What a page render tells the page cache (lib/server/page-cache) about
// itself: whether the HTML it produced may be stored. The cache in front of
// Next.js (scripts/server.ts) runs each render inside `renderContext.run()`;
// services deep in the render mark it when what they show is not the data of
// the current version (the database was unreachable and a remembered value or
// a notice was shown) or not final yet (bootstrap intervals still computing).
// The AsyncLocalStorage lives on globalThis because the server (run by tsx)
// and the Next.js bundle each load their own copy of this module.
import { AsyncLocalStorage } from "node:async_hooks";

export interface RenderContext {
  /** Why this render must not be stored (first reason wins). */
  uncacheable?: string;
  /** The render is complete but will improve soon: stored only briefly. */
  provisional?: string;
}

const KEY = Symbol.for("algoperf.render-context");
const holder = globalThis as { [KEY]?: AsyncLocalStorage<RenderContext> };

export const renderContext: AsyncLocalStorage<RenderContext> = (holder[KEY] ??= new AsyncLocalStorage<RenderContext>());

/** This render shows something other than the current data: never cache it. No-op outside a cached render. */
export function markUncacheable(reason: string): void {
  const store = renderContext.getStore();
  if (store) store.uncacheable ??= reason;
}

/** This render will be superseded soon (e.g. intervals computing): cache it only for a moment. */
export function markProvisional(reason: string): void {
  const store = renderContext.getStore();
  if (store) store.provisional ??= reason;
}
