// Rendered pages kept in memory per (view key, site version), with request
// coalescing: while one request renders a view, the others asking for the
// same view at the same version wait for that render instead of starting
// their own (docs/page-cache.md).
import { LRUCache } from "lru-cache";
import type { NonceTemplate } from "./nonce-template";

export interface StoredPage {
  status: number;
  template: NonceTemplate;
  /** The site version the page was rendered at. */
  version: string;
  etag: string;
  /** Until when (ms since epoch) a provisional render may be served; Infinity for a final one. */
  freshUntil: number;
}

export interface PageStoreOptions {
  /** Memory for stored pages, in bytes. */
  maxBytes: number;
  /** How long a provisional render (intervals still computing) is served before the view is rendered again. */
  provisionalMs: number;
}

const sizeOf = (p: StoredPage) => p.template.body.reduce((n, b) => n + b.length, 0) + 512;

export class PageStore {
  private readonly pages: LRUCache<string, StoredPage>;
  private readonly renders = new Map<string, Promise<StoredPage | null>>();

  constructor(readonly options: PageStoreOptions) {
    this.pages = new LRUCache<string, StoredPage>({ maxSize: options.maxBytes, sizeCalculation: sizeOf });
  }

  /** The page stored for `key` if it was rendered at `version` and is still fresh. */
  get(key: string, version: string, now = Date.now()): StoredPage | undefined {
    const page = this.pages.get(key);
    if (!page || page.version !== version || page.freshUntil <= now) return undefined;
    return page;
  }

  /**
   * The render of `key` at `version`: `render()` runs once, concurrent callers
   * for the same key and version share its result. A result of null (not
   * cacheable: an error, an outage notice) is shared with the callers already
   * waiting but not stored; they then render on their own.
   */
  renderOnce(key: string, version: string, render: () => Promise<StoredPage | null>): { leader: boolean; page: Promise<StoredPage | null> } {
    const id = `${version}\u0000${key}`;
    const running = this.renders.get(id);
    if (running) return { leader: false, page: running };
    const page = render()
      .then((p) => {
        if (p) this.pages.set(key, p);
        return p;
      })
      .catch(() => null)
      .finally(() => this.renders.delete(id));
    this.renders.set(id, page);
    return { leader: true, page };
  }

  /** Keeps a page rendered elsewhere (another worker process, peer-renders.ts). */
  put(key: string, page: StoredPage): void {
    this.pages.set(key, page);
  }

  /** Stored bytes, for tests and logs. */
  get bytes(): number {
    return this.pages.calculatedSize;
  }
}
