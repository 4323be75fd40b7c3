#!/usr/bin/env python3
"""Learning curves and modality shares over training, from the JSONL logs of
`earshot train`, as one PNG. Run by plot_training.sh in a throwaway venv."""
import json, sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

logs, out = sys.argv[1:-1], sys.argv[-1]
fig, axes = plt.subplots(1, 3, figsize=(15, 4.2))


def smooth(values, k=25):
    return [sum(values[max(0, i - k + 1):i + 1]) / len(values[max(0, i - k + 1):i + 1])
            for i in range(len(values))]


colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
for k, path in enumerate(sorted(logs)):
    name = path.split("/")[-1].replace(".log.jsonl", "")
    colour = colours[k % len(colours)]
    updates = [json.loads(l) for l in open(path) if '"event": "update"' in l]
    collects = [json.loads(l) for l in open(path) if '"event": "collect"' in l]
    x = [u["update"] for u in updates]
    axes[0].plot(x, smooth([u["loss"] for u in updates]), label=name, color=colour)
    if updates and updates[0]["vision_share"] is not None:
        axes[1].plot(x, smooth([u["vision_share"] for u in updates]), label=name, color=colour)
    axes[2].plot([c["iteration"] for c in collects], [c["success"] for c in collects],
                 marker="o", label=name, color=colour)

axes[0].set(title="imitation loss (moving mean of 25 updates)", xlabel="update", ylabel="loss")
axes[1].set(title="vision's |IG| share at the embeddings (fused)", xlabel="update",
            ylabel="share (0.5 = balanced)", ylim=(0, 1))
axes[1].axhline(0.5, color="grey", lw=0.8, ls="--")
axes[2].set(title="success while collecting (oracle acts w.p. β)",
            xlabel="DAgger iteration (β = 0.6^i)", ylabel="success", ylim=(0, 1.05))
for a in axes:
    a.grid(alpha=0.3)
axes[0].legend(fontsize=8)
fig.tight_layout()
fig.savefig(out, dpi=90)
