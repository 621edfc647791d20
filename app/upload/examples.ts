// Every name the upload guide (/upload) shows: endpoints, payload, commands.
// Kept in this one module so they can be aligned with the upload API
// (tRPC `ingest.upload`, REST alias, CLI) in a single edit.

export const UPLOAD = {
  /** tRPC mutation; with no transformer configured, the request body is the input JSON itself. */
  trpcPath: "/api/trpc/ingest.upload",
  /** REST alias of the same procedure. */
  restPath: "/api/v1/runs",
  schemaPath: "/api/v1/schema/upload.json",
  tokenEnv: "ALGOPERF_TOKEN",
  urlEnv: "ALGOPERF_URL",
  exampleRound: "algoperf-v0.6-self-tuning",
};

/** Fields of an upload, in the order the guide explains them (the full format: /api/v1/schema/upload.json, README "Uploading results"). */
export const FIELDS: { path: string; required: boolean; description: string }[] = [
  { path: "round", required: true, description: "Slug of the round the runs belong to (see the round picker); its workloads, targets and budgets apply." },
  {
    path: "submissions[].slug",
    required: true,
    description:
      "Your submission's identifier in that round (letters, digits, . _ -). Declaring it creates the submission on its first upload; later uploads may leave it out.",
  },
  { path: "submissions[].displayName", required: false, description: "Name shown on the leaderboard (default: the slug)." },
  {
    path: "submissions[].baseAlgorithm / family / baseOptimizer / horizon",
    required: false,
    description:
      "What the filters use: base algorithm (e.g. AdamW), family (e.g. adaptive baseline), base optimizer (Adam, Nadam, none), training horizon as a fraction of the step budget (e.g. 0.5). Sent again, they must equal the stored values.",
  },
  { path: "submissions[].hyperparameters", required: false, description: "The fixed configuration, as a JSON object; shown on the submission page." },
  { path: "runs[].submission", required: true, description: "Slug of the submission the run belongs to." },
  { path: "runs[].workload", required: true, description: "Workload key of the round, e.g. criteo1tb, imagenet_vit (held-out variants by their own key)." },
  { path: "runs[].study, runs[].trial", required: true, description: "Study (independent repetition) and trial (hyperparameter point) numbers." },
  {
    path: "runs[].evals.steps / times / metrics",
    required: true,
    description:
      "The eval log: one entry per evaluation of step, accumulated submission time in seconds, and the workload's validation metric (null where it is NaN). The server derives the time to target with the official rules. Instead of evals, a run may give runs[].timeToTarget (reached, seconds, steps, firstHitIndex).",
  },
  {
    path: "runs[].position",
    required: false,
    description: "Listing order of the trial in its study: ties on the first-hit eval index go to the lowest position.",
  },
  { path: "runs[].clientRunId", required: false, description: "Your own id of the run: a re-send with the same id and content changes nothing (idempotent)." },
  { path: "runs[].framework, hardware, codeCommit", required: false, description: "Provenance shown with the run." },
  {
    path: "runs[].provenance, hyperparameters",
    required: false,
    description:
      "Where the run came from (gpuModel, gpuCount, seed, gitBranch, python, os, ...: the CLI reads AlgoPerf's meta_data_<n>.json) and the trial's hyperparameters (hparams.json); shown with the run and in the submission's JSON and CSV.",
  },
  {
    path: "replace",
    required: false,
    description:
      "true replaces stored runs and metadata that differ (only for the token that created the submission); without it a different re-send is refused with HTTP 409.",
  },
];

export const PAYLOAD = {
  round: UPLOAD.exampleRound,
  submissions: [
    {
      slug: "my-adamw",
      displayName: "My AdamW",
      baseAlgorithm: "AdamW",
      family: "adaptive baseline",
      baseOptimizer: "Adam",
      horizon: 0.5,
      hyperparameters: { learning_rate: 0.0017, beta1: 0.9, beta2: 0.999, weight_decay: 0.08, warmup_fraction: 0.05 },
    },
  ],
  runs: [
    {
      submission: "my-adamw",
      workload: "ogbg",
      study: 0,
      trial: 1,
      clientRunId: "ogbg-study0-trial1",
      framework: "pytorch",
      hardware: "8x NVIDIA V100 16GB",
      codeCommit: "2c90454f",
      evals: {
        steps: [0, 3000, 6000, 9000, 12000],
        times: [0, 2910.4, 5822.8, 8733.1, 11645.9],
        metrics: [0.021, 0.231, 0.262, 0.279, 0.2841],
      },
    },
  ],
};

const json = JSON.stringify(PAYLOAD, null, 2);

export const EXAMPLES: { id: string; title: string; language: string; code: string }[] = [
  {
    id: "token",
    title: "Get a token (on the server, by its operator)",
    language: "sh",
    code: `npm run cli -- token create my-lab
# prints the token once, alone on the last line; only its hash is stored`,
  },
  {
    id: "curl",
    title: "curl (REST alias)",
    language: "sh",
    code: `export ${UPLOAD.urlEnv}=https://leaderboard.example.org
export ${UPLOAD.tokenEnv}=<your token>
curl -sS -X POST "$${UPLOAD.urlEnv}${UPLOAD.restPath}" \\
  -H "Authorization: Bearer $${UPLOAD.tokenEnv}" \\
  -H "Content-Type: application/json" \\
  --data @upload.json`,
  },
  {
    id: "curl-trpc",
    title: "curl (tRPC procedure)",
    language: "sh",
    code: `curl -sS -X POST "$${UPLOAD.urlEnv}${UPLOAD.trpcPath}" \\
  -H "Authorization: Bearer $${UPLOAD.tokenEnv}" \\
  -H "Content-Type: application/json" \\
  --data @upload.json`,
  },
  {
    id: "python",
    title: "Python (requests)",
    language: "python",
    code: `import json, os, requests

with open("upload.json") as f:
    payload = json.load(f)

response = requests.post(
    os.environ["${UPLOAD.urlEnv}"] + "${UPLOAD.restPath}",
    headers={"Authorization": "Bearer " + os.environ["${UPLOAD.tokenEnv}"]},
    json=payload,
    timeout=60,
)
response.raise_for_status()  # 4xx bodies name the offending field: response.json()["error"]["issues"]
print(response.json())`,
  },
  {
    id: "cli",
    title: "CLI (AlgoPerf log folders or JSON files)",
    language: "sh",
    code: `npm run cli -- upload ./logs/my_submission \\
  --url "$${UPLOAD.urlEnv}" --token "$${UPLOAD.tokenEnv}" --round ${UPLOAD.exampleRound}`,
  },
  { id: "payload", title: "upload.json", language: "json", code: json },
];
