// /upload: how to send results: token, payload format, JSON Schema and
// examples (every name comes from ./examples.ts).
import type { Metadata } from "next";
import { CopyButton } from "@/components/ui/copy-button";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { routes } from "@/lib/views/routes";
import { EXAMPLES, FIELDS, UPLOAD } from "./examples";
import { HEAD_TONE, TableHead } from "@/components/ui/table";
import { TitledSection } from "@/components/ui/titled-section";

export const metadata: Metadata = { title: "Upload results" };

export default function UploadGuide() {
  return (
    <div className="max-w-4xl space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Upload results</h1>
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
          Send the eval logs of your training runs; the server derives each run&apos;s time to target with the official AlgoPerf rules (first evaluation that
          meets the target, best trial per study, median over studies), and every leaderboard, profile and workload table that includes your submission is
          recomputed at once.
        </p>
      </div>

      <TitledSection id="how" title="How" className="space-y-2">
        <ol className="list-decimal space-y-1 pl-6 text-sm">
          <li>
            Get an upload token from the operator of this server (they run the <code>token create</code> command below). Keep it secret; it identifies your
            uploads.
          </li>
          <li>
            Build a JSON payload: one round, your submission, its runs with their eval logs (up to 10,000 runs and 32 MiB per request). The{" "}
            <a className="text-sky-700 hover:underline dark:text-sky-400" href={UPLOAD.schemaPath}>
              JSON Schema
            </a>{" "}
            (<code>{UPLOAD.schemaPath}</code>) describes every field and its limits.
          </li>
          <li>
            <code>POST</code> it to <code>{UPLOAD.restPath}</code> (or the tRPC procedure <code>{UPLOAD.trpcPath}</code>) with the header{" "}
            <code>Authorization: Bearer &lt;token&gt;</code>, or let the CLI read AlgoPerf log folders for you.
          </li>
          <li>
            Invalid payloads are refused as a whole with HTTP 400; each problem names the field (e.g. <code>runs.3.evals.metrics</code>) and the reason.
            Re-sending the same runs changes nothing.
          </li>
          <li>
            Rounds with published results are closed to upload tokens (HTTP 403). In an open round your submission is stored as <strong>unverified</strong> (
            <code>&quot;verified&quot;: false</code> in the answer): it is listed on the round&apos;s page and anyone can add it to a pool, but it joins the
            default pool only once an admin verifies it.
          </li>
        </ol>
      </TitledSection>

      <TitledSection id="format" title="Format" className="space-y-2">
        <ScrollRegion label="Fields of an upload" className="relative rounded-lg border border-zinc-200 dark:border-zinc-800">
          <table className="w-full text-sm" data-table="upload-fields">
            <caption className="sr-only">Fields of an upload</caption>
            <TableHead cellClassName="px-2 py-2" className={HEAD_TONE.shaded} columns={["Field", "Required", "Meaning"]} />
            <tbody>
              {FIELDS.map((f) => (
                <tr key={f.path} className="border-t border-zinc-100 align-top dark:border-zinc-800">
                  <td className="px-2 py-1">
                    <code className="text-xs">{f.path}</code>
                  </td>
                  <td className="px-2 py-1 text-xs">{f.required ? "yes" : "no"}</td>
                  <td className="px-2 py-1">{f.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
        <p className="text-xs text-zinc-500">
          Rounds, workload keys, metrics and targets: see the{" "}
          <a className="text-sky-700 hover:underline dark:text-sky-400" href={routes.workloads(UPLOAD.exampleRound)}>
            workload tables
          </a>{" "}
          and <code>GET /api/v1/rounds/&lt;round&gt;/workloads</code>.
        </p>
      </TitledSection>

      <TitledSection id="examples" title="Examples" className="space-y-4">
        {EXAMPLES.map((e) => (
          <figure key={e.id} className="space-y-1" data-example={e.id}>
            <figcaption className="flex items-center justify-between text-sm font-medium">
              <span>{e.title}</span>
              <CopyButton text={e.code} label={e.title} />
            </figcaption>
            <ScrollRegion as="pre" label={e.title} className="relative rounded-lg bg-zinc-100 p-3 text-xs leading-relaxed dark:bg-zinc-900">
              <code>{e.code}</code>
            </ScrollRegion>
          </figure>
        ))}
      </TitledSection>

      <TitledSection id="read" title="Reading results back" className="space-y-2">
        <p className="text-sm">
          Every table of the site is also JSON and CSV, for any pool and filter: <code>/api/v1/rounds/&lt;round&gt;/leaderboard</code>, <code>…/profiles</code>,{" "}
          <code>…/workloads/&lt;key&gt;</code>, <code>…/submissions/&lt;slug&gt;</code> (add <code>?format=csv</code>), with the same query parameters as the
          pages&apos; URLs.
        </p>
      </TitledSection>
    </div>
  );
}
