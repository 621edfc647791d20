#!/usr/bin/python3
"""Adds each trial's hyperparameters, hardware and run time to data/published/algoperf_leaderboards.json.

Run by hand only (never by the app or the tests), with the official logs at hand:

    /usr/bin/python3 scripts/extract-published-tuning.py /path/to/previous_leaderboards

where previous_leaderboards is that folder of github.com/mlcommons/submissions_algorithms
(algoperf_v05/logs/..., algoperf_v06/logs/...). For every trial already listed in the file
(<submission>/study_<s>/<workload>_<framework>/trial_<t>) it reads:

- hparams.json: stored once per submission in the round's `hparam_sets[<submission>]`
  (distinct sets, in order of first use); the trial gets `hp` = its index there;
- meta_data_<n>.json (lowest n, as the CLI reads it): gpu_model_name and gpu_count; the class
  shared by the round's trials is the round's `hardware`, a trial on another class gets its own
  `hardware`, a trial without a meta_data file gets `hardware: null`;
- eval_measurements.csv: for a trial that missed the target, `run_time` = the `score`
  (accumulated submission time, s) of its last eval: what the whole run cost.

Everything else in the file is left exactly as it was (same numbers, same order).
"""
import collections
import csv
import json
import os
import sys

FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "published", "algoperf_leaderboards.json")
RULESET_DIRS = {"external": "external_tuning", "self-tuning": "self_tuning"}
DESCRIPTION = (
    "Published AlgoPerf leaderboards as compact per-trial results, for loading the public leaderboard and for regression tests of the scoring code. "
    "For every submission, workload directory (<workload>_<framework>), study and trial: hit_index = index of the first evaluation whose validation "
    "metric met the target (null = never), hit_time = accumulated_submission_time in seconds at that evaluation. Trials are listed in the order the "
    "official scoring run enumerated them; ties on hit_index go to the first listed trial. Workloads named in held_out_workloads are the v0.5 held-out "
    "variants (docs/scoring.md \u00a73). What a result cost, from the same logs (scripts/extract-published-tuning.py): per round, hardware = the GPU "
    "model and count (gpu_model_name, gpu_count of the trials' meta_data_<n>.json) its trials ran on, and hparam_sets = per submission the distinct "
    "hparams.json of its trials (none under self-tuning); per trial, hp = index of its hparams.json in hparam_sets[submission], run_time (missed trials "
    "only) = accumulated_submission_time of its last evaluation, and hardware only where it differs from the round's. See data/published/README.md."
)


def meta_of(trial_dir):
    names = [n for n in os.listdir(trial_dir) if n.startswith("meta_data_") and n.endswith(".json")]
    if not names:
        return None
    name = min(names, key=lambda n: int(n[len("meta_data_") : -len(".json")]))
    with open(os.path.join(trial_dir, name)) as f:
        meta = json.load(f)
    return {"gpu_model_name": meta["gpu_model_name"], "gpu_count": meta["gpu_count"]}


def last_score(trial_dir):
    with open(os.path.join(trial_dir, "eval_measurements.csv"), newline="") as f:
        rows = [r for r in csv.DictReader(f) if r.get("score") not in (None, "")]
    return float(rows[-1]["score"]) if rows else None


def extract_round(spec, logs):
    base = os.path.join(logs, "algoperf_" + spec["benchmark_version"].replace(".", ""), "logs", RULESET_DIRS[spec["ruleset"]])
    hardware = {}
    sets = {}
    for slug, dirs in spec["submissions"].items():
        distinct = []
        for dirname, studies in dirs.items():
            for study, trials in studies.items():
                for t in trials:
                    trial_dir = os.path.join(base, slug, study, dirname, t["trial"])
                    if not os.path.isdir(trial_dir):
                        raise SystemExit(f"missing trial folder {trial_dir}")
                    hp_file = os.path.join(trial_dir, "hparams.json")
                    if os.path.exists(hp_file):
                        with open(hp_file) as f:
                            hp = json.load(f)
                        if hp not in distinct:
                            distinct.append(hp)
                        t["hp"] = distinct.index(hp)
                    hardware[id(t)] = (t, meta_of(trial_dir))
                    if t["hit_index"] is None:
                        t["run_time"] = last_score(trial_dir)
        if distinct:
            sets[slug] = distinct
    counts = collections.Counter(json.dumps(hw, sort_keys=True) for _, hw in hardware.values() if hw is not None)
    shared = json.loads(counts.most_common(1)[0][0]) if counts else None
    for t, hw in hardware.values():
        if hw != shared:
            t["hardware"] = hw
    return shared, sets, counts


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    with open(FILE) as f:
        data = json.load(f)
    data["description"] = DESCRIPTION
    for spec in data["rounds"]:
        for t in (t for dirs in spec["submissions"].values() for studies in dirs.values() for ts in studies.values() for t in ts):
            for key in ("hp", "run_time", "hardware"):
                t.pop(key, None)
        shared, sets, counts = extract_round(spec, sys.argv[1])
        spec["hardware"] = shared
        spec["hparam_sets"] = sets
        print(spec["benchmark_version"], spec["ruleset"], "hardware:", dict(counts), "hyperparameter sets:", {k: len(v) for k, v in sets.items()})
    with open(FILE, "w") as f:
        f.write(json.dumps(data, separators=(",", ":")) + "\n")
    print("wrote", FILE, os.path.getsize(FILE), "bytes")


if __name__ == "__main__":
    main()
