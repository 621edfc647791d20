// Every kind of page of the site, once: what the accessibility and phone
// layout tests walk through (one address per page template and round kind).
export const SITE_PAGES: { name: string; path: string }[] = [
  { name: "home", path: "/" },
  { name: "leaderboard-v05-external", path: "/rounds/algoperf-v0.5-external" },
  { name: "leaderboard-v05-self-tuning", path: "/rounds/algoperf-v0.5-self-tuning" },
  { name: "leaderboard-v06-external", path: "/rounds/algoperf-v0.6-external" },
  { name: "leaderboard-v06-self-tuning-empty", path: "/rounds/algoperf-v0.6-self-tuning" },
  { name: "leaderboard-paper-filtered", path: "/rounds/paper-2505.24005?horizon=50&add=schedule-free-adamw" },
  { name: "profiles-paper", path: "/rounds/paper-2505.24005/profiles" },
  { name: "profiles-v05-external-log", path: "/rounds/algoperf-v0.5-external/profiles?axis=log" },
  { name: "workloads-paper", path: "/workloads" },
  { name: "workload-ogbg-v05-external", path: "/workloads/ogbg?round=algoperf-v0.5-external" },
  { name: "workload-fastmri-paper", path: "/workloads/fastmri?round=paper-2505.24005" },
  { name: "submission-paper-adamw-33-1", path: "/rounds/paper-2505.24005/submissions/adamw-33-1" },
  { name: "submission-paper-schedule-free", path: "/rounds/paper-2505.24005/submissions/schedule-free-adamw" },
  { name: "submission-v05-shampoo", path: "/rounds/algoperf-v0.5-external/submissions/shampoo_submission" },
  { name: "submission-choices", path: "/submissions/baseline" },
  { name: "paper", path: "/paper" },
  { name: "upload", path: "/upload" },
  { name: "analysis", path: "/analysis" },
  { name: "analysis-uncertainty", path: "/analysis/algoperf-v0.5-external/uncertainty" },
  { name: "analysis-sensitivity", path: "/analysis/paper-2505.24005/sensitivity" },
  { name: "analysis-horizon", path: "/analysis/paper-2505.24005/horizon" },
  { name: "analysis-calibration", path: "/analysis/paper-2505.24005/calibration" },
  { name: "analysis-tau", path: "/analysis/algoperf-v0.5-external/tau" },
  { name: "analysis-tuning", path: "/analysis/algoperf-v0.6-external/tuning" },
  { name: "analysis-hyperparameters", path: "/analysis/algoperf-v0.5-external/hyperparameters?submission=baseline" },
  { name: "analysis-cost", path: "/analysis/algoperf-v0.6-external/cost?pricePerGpuHour=2.5" },
  { name: "not-found", path: "/rounds/no-such-round" },
];

export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };
