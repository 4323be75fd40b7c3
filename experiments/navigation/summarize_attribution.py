#!/usr/bin/env python3
"""Mean ± sd over seeds of vision's |IG| and net shares at the embeddings and at the
raw inputs, and the inter-modal variance, from experiments/navigation/attribution.sh."""
import glob, json, os, re, statistics, sys

folder = sys.argv[1] if len(sys.argv) > 1 else "results/attribution"
runs = {}
for path in glob.glob(os.path.join(folder, "*.json")):
    m = re.fullmatch(r"(.+)-seed(\d+)-(embeddings|inputs)\.json", os.path.basename(path))
    if m:
        runs.setdefault(m.group(1), {}).setdefault(m.group(3), []).append(json.load(open(path)))


def cell(values, digits=2):
    if not values:
        return "–"
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    return f"{statistics.mean(values):.{digits}f} ± {sd:.{digits}f}"


order = ["fused", "fused-regularizer", "fused-regularizer-inputs", "fused-dropout",
         "fused-ogm-ge", "fused-ppo", "fused-regularizer-ppo"]
print("| variant | seeds | vision |IG| share, embeddings | net, embeddings | variance, embeddings "
      "| vision |IG| share, inputs | net, inputs | variance, inputs |")
print("| --- | --- | --- | --- | --- | --- | --- | --- |")
for v in [v for v in order if v in runs]:
    e, i = runs[v].get("embeddings", []), runs[v].get("inputs", [])
    print(f"| {v} | {max(len(e), len(i))} "
          f"| {cell([r['modality_shares']['vision'] for r in e])} "
          f"| {cell([r['net_shares']['vision'] for r in e])} "
          f"| {cell([r['intermodal_variance'] for r in e], 3)} "
          f"| {cell([r['modality_shares']['vision'] for r in i])} "
          f"| {cell([r['net_shares']['vision'] for r in i])} "
          f"| {cell([r['intermodal_variance'] for r in i], 3)} |")
