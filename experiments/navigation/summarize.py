#!/usr/bin/env python3
"""Markdown tables from experiments/navigation/run.sh's results, with 95%
bootstrap intervals (2000 resamples of episodes) for success and SPL."""
import csv, json, os, random, sys
from collections import defaultdict

folder = sys.argv[1] if len(sys.argv) > 1 else "results/navigation"
rng = random.Random(0)


def interval(values, resamples=2000):
    n = len(values)
    if n == 0:
        return (float("nan"), float("nan"))
    means = sorted(sum(rng.choice(values) for _ in range(n)) / n for _ in range(resamples))
    return means[int(0.025 * resamples)], means[int(0.975 * resamples) - 1]


def name(policy):
    return os.path.basename(policy).replace(".safetensors", "")


def load(suite, mask):
    path = os.path.join(folder, f"{suite}-{mask}")
    if not os.path.exists(path + ".json"):
        return None, None
    reports = json.load(open(path + ".json"))
    episodes = defaultdict(list)
    for row in csv.DictReader(open(path + ".csv")):
        episodes[row["policy"]].append(row)
    return reports, episodes


for suite in ["test-heard", "test-unheard", "train"]:
    reports, episodes = load(suite, "none")
    if reports is None:
        continue
    print(f"\n**{suite}** ({reports[0]['episodes']} episodes per policy)\n")
    print("| policy | success [95% CI] | SPL [95% CI] | SoftSPL | SNA | vision | audio | variance |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in reports:
        rows = episodes[r["policy"]]
        s = [float(x["success"]) for x in rows]
        p = [float(x["spl"]) for x in rows]
        (s0, s1), (p0, p1) = interval(s), interval(p)
        shares = r["modality_shares"] or {}
        v = f"{shares['vision']:.2f}" if "vision" in shares else "–"
        a = f"{shares['audio']:.2f}" if "audio" in shares else "–"
        var = f"{r['intermodal_variance']:.3f}" if r["intermodal_variance"] is not None else "–"
        print(f"| {name(r['policy'])} | {r['success_rate']:.3f} [{s0:.2f}, {s1:.2f}] "
              f"| {r['spl']:.3f} [{p0:.2f}, {p1:.2f}] | {r['soft_spl']:.3f} | {r['sna']:.3f} "
              f"| {v} | {a} | {var} |")

print("\n**A sense removed at test time** (success rate; SPL in brackets)\n")
print("| suite | policy | both senses | frames blanked | audio muted |")
print("| --- | --- | --- | --- | --- |")
for suite in ["test-heard", "test-unheard", "train"]:
    results = {}
    for mask in ["none", "blank-frames", "mute-audio"]:
        reports, _ = load(suite, mask)
        if reports is not None:
            results[mask] = {r["policy"]: r for r in reports}
    if "none" not in results:
        continue
    for policy in results["none"]:
        if not policy.endswith(".safetensors"):
            continue
        cells = []
        for mask in ["none", "blank-frames", "mute-audio"]:
            r = results.get(mask, {}).get(policy)
            cells.append(f"{r['success_rate']:.3f} ({r['spl']:.3f})" if r else "–")
        print(f"| {suite} | {name(policy)} | " + " | ".join(cells) + " |")
