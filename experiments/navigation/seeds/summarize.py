#!/usr/bin/env python3
"""Mean ± standard deviation over training seeds, per variant and suite.

Reads the bench files of seeds/evaluate.sh (default results/seeds/bench) and of
ppo/evaluate.sh (results/ppo/bench), whose policies are named VARIANT-seedS. Prints
markdown tables and the paper's claim checked on every held-out suite: regularized
fused against the best unimodal variant (points of success) and the cut in
inter-modal variance against plain fused, for imitation and, where present, for
PPO after imitation.
Usage: summarize.py [FOLDER...]"""
import json, os, re, statistics, sys

folders = sys.argv[1:] or ["results/seeds/bench", "results/ppo/bench"]
variants = ["vision", "audio", "fused", "fused-regularizer", "fused-regularizer-inputs",
            "fused-dropout", "fused-ogm-ge",
            "audio-ppo", "fused-ppo", "fused-regularizer-ppo"]


# One sense only: shares are 1 and 0 by construction, so they are not shown.
unimodal_variants = {"vision", "audio", "audio-ppo"}


def variant_and_seed(policy):
    base = os.path.basename(policy).replace(".safetensors", "")
    m = re.fullmatch(r"(.+)-seed(\d+)", base)
    return (m.group(1), int(m.group(2))) if m else (base, 1)


def load(suite, mask):
    """{variant: {seed: report}} over both folders."""
    out = {}
    for folder in folders:
        path = os.path.join(folder, f"{suite}-{mask}.json")
        if not os.path.exists(path):
            continue
        for r in json.load(open(path)):
            v, s = variant_and_seed(r["policy"])
            if v in variants:
                out.setdefault(v, {})[s] = r
    return out


def stats(values):
    values = [v for v in values if v is not None]
    if not values:
        return None, None
    return statistics.mean(values), (statistics.stdev(values) if len(values) > 1 else 0.0)


def cell(values, digits=3):
    m, s = stats(values)
    return "–" if m is None else f"{m:.{digits}f} ± {s:.{digits}f}"


def share(r, sense):
    shares = r.get("modality_shares") or {}
    return shares.get(sense)


claims = []
for suite, label in [("test-heard", "test-heard"), ("test-unheard", "test-unheard"),
                     ("train", "train")]:
    runs = load(suite, "none")
    if not runs:
        continue
    print(f"\n**{label}** (mean ± sd over seeds; seeds per variant in brackets)\n")
    print("| variant | seeds | success | SPL | SoftSPL | SNA | vision share | variance |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for v in variants:
        per = runs.get(v, {})
        if not per:
            continue
        rs = [per[s] for s in sorted(per)]
        print(f"| {v} | {len(rs)} ({', '.join(str(s) for s in sorted(per))}) "
              f"| {cell([r['success_rate'] for r in rs])} | {cell([r['spl'] for r in rs])} "
              f"| {cell([r['soft_spl'] for r in rs])} | {cell([r['sna'] for r in rs])} "
              + (f"| – | – |" if v in unimodal_variants else
                 f"| {cell([share(r, 'vision') for r in rs], 2)} "
                 f"| {cell([r['intermodal_variance'] for r in rs])} |"))
    if suite.startswith("test"):
        mean = lambda v, key: stats([r[key] for r in runs.get(v, {}).values()])[0]
        for suffix, unimodal in [("", ("vision", "audio")), ("-ppo", ("audio-ppo",))]:
            regularized, plain_name = "fused-regularizer" + suffix, "fused" + suffix
            if regularized not in runs or not any(u in runs for u in unimodal):
                continue
            best = max((u for u in unimodal if u in runs),
                       key=lambda v: mean(v, "success_rate") or 0)
            gain = 100 * ((mean(regularized, "success_rate") or 0)
                          - (mean(best, "success_rate") or 0))
            plain, reg = (mean(plain_name, "intermodal_variance"),
                          mean(regularized, "intermodal_variance"))
            cut = 100 * (1 - reg / plain) if plain and reg is not None else float("nan")
            # Seed by seed against plain fused: the same seed, the same episodes.
            paired = sorted(set(runs.get(regularized, {})) & set(runs.get(plain_name, {})))
            diffs = [100 * (runs[regularized][k]["success_rate"]
                            - runs[plain_name][k]["success_rate"]) for k in paired]
            versus = ", ".join(f"{d:+.1f}" for d in diffs) or "–"
            claims.append(f"| {suite} | {regularized} | {best} | {gain:+.1f} | {cut:.0f} % "
                          f"| {versus} |")

print("\n**A sense removed at test time**, test-heard (success, mean ± sd over seeds)\n")
print("| variant | both senses | frames blanked | audio muted |")
print("| --- | --- | --- | --- |")
masked = {m: load("test-heard", m) for m in ["none", "blank-frames", "mute-audio"]}
for v in [v for v in variants if v in masked["none"]]:
    cells = []
    for m in ["none", "blank-frames", "mute-audio"]:
        # Only seeds evaluated under every condition, so that the columns compare alike.
        seeds = set.intersection(*(set(masked[c].get(v, {})) for c in masked))
        if not seeds:
            cells.append("–")
            continue
        cells.append(cell([masked[m][v][s]["success_rate"] for s in sorted(seeds)]))
    print(f"| {v} | " + " | ".join(cells) + " |")

print("\n**The claim** (≥ 3.2 points over the best unimodal variant, ≥ 67 % less "
      "inter-modal variance than plain fused), on seed means\n")
print("| suite | regularized | best unimodal | regularized − best unimodal (points) "
      "| variance cut | regularized − plain fused, seed by seed (points) |")
print("| --- | --- | --- | --- | --- | --- |")
for line in claims:
    print(line)
