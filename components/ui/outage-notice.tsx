// What a page says while the database is unavailable: results served from
// this server's memory (with their time), or that nothing can be shown yet.
import { Notice } from "./notice";

export function StaleNotice({ at }: { at: Date }) {
  return (
    <div data-outage="stale">
      <Notice tone="warning" title="Database unavailable, showing cached results">
        These results were computed at <time dateTime={at.toISOString()}>{at.toISOString().replace("T", " ").slice(0, 19)} UTC</time>; uploads since then are
        not included. The page will be current again once the database is back.
      </Notice>
    </div>
  );
}

export function UnavailableNotice({ what }: { what: string }) {
  return (
    <div data-outage="unavailable">
      <Notice tone="error" title="Service unavailable (503): the database cannot be reached">
        {what} cannot be computed right now and this server has no earlier copy of it. Retry in a few seconds.
      </Notice>
    </div>
  );
}
