#!/usr/bin/env bash
# Records what each shipped policy scores on a fixed scenario and seed, into
# assets/policies/expected.json; EarshotCLITests checks that the checkpoints
# still reach it. Run after retraining a shipped policy.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product earshot >/dev/null
scenario=scenarios/default/two_rooms_phone.json
entries=()
for f in assets/policies/*.safetensors; do
  .build/release/earshot bench "$scenario" --policy "$f" --episodes 10 --seed 1 \
    --workers 2 --json /tmp/expected-$$.json >/dev/null
  entries+=("$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(json.dumps({"policy": sys.argv[2], "success_rate": r["success_rate"], "spl": r["spl"]}))' /tmp/expected-$$.json "$f")")
done
rm -f /tmp/expected-$$.json
{
  echo '{"scenario": "'$scenario'", "episodes": 10, "seed": 1, "policies": ['
  (IFS=,; echo "${entries[*]}" | sed 's/},{/},\n{/g')
  echo ']}'
} > assets/policies/expected.json
cat assets/policies/expected.json
