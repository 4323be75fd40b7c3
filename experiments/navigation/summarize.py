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


ORDER = ["oracle", "random", "vision", "audio", "fused", "fused-regularizer", "fused-dropout",
         "fused-ogm-ge", "fused-ppo", "fused-regularizer-ppo"]
MASKS = ["none", "blank-frames", "mute-audio", "no-senses"]


def name(policy):
    return os.path.basename(policy).replace(".safetensors", "")


def ordered(reports):
    rank = lambda r: ORDER.index(name(r["policy"])) if name(r["policy"]) in ORDER else len(ORDER)
    return sorted(reports, key=rank)


def load(suite, mask):
    path = os.path.join(folder, f"{suite}-{mask}")
    if not os.path.exists(path + ".json"):
        return None, None
    reports = ordered(json.load(open(path + ".json")))
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
        # A one-sense policy's shares are 1 and 0 by construction: not shown.
        shares = {} if name(r["policy"]) in ("vision", "audio") else r["modality_shares"] or {}
        v = f"{shares['vision']:.2f}" if "vision" in shares else "–"
        a = f"{shares['audio']:.2f}" if "audio" in shares else "–"
        var = (f"{r['intermodal_variance']:.3f}" if shares and r["intermodal_variance"] is not None
               else "–")
        print(f"| {name(r['policy'])} | {r['success_rate']:.3f} [{s0:.2f}, {s1:.2f}] "
              f"| {r['spl']:.3f} [{p0:.2f}, {p1:.2f}] | {r['soft_spl']:.3f} | {r['sna']:.3f} "
              f"| {v} | {a} | {var} |")

print("\n**A sense removed at test time** (success rate; SPL in brackets)\n")
print("| suite | policy | both senses | frames blanked | audio muted | both removed |")
print("| --- | --- | --- | --- | --- | --- |")
shapley = []
for suite in ["test-heard", "test-unheard", "train"]:
    results = {}
    for mask in MASKS:
        reports, _ = load(suite, mask)
        if reports is not None:
            results[mask] = {r["policy"]: r for r in reports}
    if "none" not in results:
        continue
    for policy in [r["policy"] for r in ordered(list(results["none"].values()))]:
        if not policy.endswith(".safetensors"):
            continue
        cells = []
        for mask in MASKS:
            r = results.get(mask, {}).get(policy)
            cells.append(f"{r['success_rate']:.3f} ({r['spl']:.3f})" if r else "–")
        print(f"| {suite} | {name(policy)} | " + " | ".join(cells) + " |")
        if all(policy in results.get(m, {}) for m in MASKS):
            f = {m: results[m][policy]["success_rate"] for m in MASKS}
            # Shapley values of the two senses in the game whose value is success.
            vision = ((f["none"] - f["blank-frames"]) + (f["mute-audio"] - f["no-senses"])) / 2
            audio = ((f["none"] - f["mute-audio"]) + (f["blank-frames"] - f["no-senses"])) / 2
            shapley.append((suite, name(policy), vision, audio))

if shapley:
    print("\n**Shapley-style split of success between the senses** (points of success; "
          "from the four evaluations above)\n")
    print("| suite | policy | vision | audio | vision's part |")
    print("| --- | --- | --- | --- | --- |")
    for suite, policy, vision, audio in shapley:
        total = vision + audio
        part = f"{vision / total:.2f}" if abs(total) > 1e-12 else "–"
        print(f"| {suite} | {policy} | {100 * vision:+.1f} | {100 * audio:+.1f} | {part} |")
