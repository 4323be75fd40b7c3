import EarshotAudio
import EarshotAutodiff
import EarshotLearning
import Foundation

/// What training a navigation policy costs: environment steps per second while collecting
/// episodes, the time of one update for each balance method and for PPO, and the
/// process's peak memory.
///
/// Every setting trains the shipped policies' network (`configs/fused.json`: no memory,
/// embedding 64, hidden 128) on `scenarios/train` for two imitation iterations (behaviour
/// cloning, then one DAgger iteration) of `--episodes` episodes and `--updates` updates each;
/// PPO runs two iterations alone (the first trains only the critic, the second both). The
/// settings run one after another in one process, `--rounds` times over, so that their
/// update times compare side by side and a change in the machine's load touches every
/// setting alike; the medians leave out each iteration's first update. One untimed plain
/// run goes first, so that the first timed setting does not pay for the process warming
/// up (heap, threads, caches) alone.
///
/// Usage: `earshot-benchmarks training [--episodes N] [--updates N] [--workers N]
/// [--rounds N]`. Prints `key value` lines on stdout:
/// `training.SETTING.collect_steps_per_second` (over every round),
/// `training.SETTING.update_ms` (median over every round's updates),
/// `training.SETTING.over_plain` (the median over rounds of its update time over the plain
/// imitation update's in the same round) and `training.peak_memory_mib` (the high-water
/// mark of the whole run, `getrusage`'s `ru_maxrss`).
func trainingBenchmark(_ arguments: [String]) {
  let options = BenchmarkOptions(arguments, benchmark: "training", numbers: [
    "--episodes": 16, "--updates": 12, "--rounds": 3,
    "--workers": usableCores(),
  ])
  let (episodes, updates) = (options["--episodes"], options["--updates"])
  let (workers, rounds) = (options["--workers"], options["--rounds"])

  let imitation = #""imitation": {"iterations": 2, "episodes_per_iteration": \#(episodes), "#
    + #""updates_per_iteration": \#(updates), "sequences": 8, "sequence_length": 16}"#
  let regularizer = #""method": "regularizer", "lambda": 0.01, "points": 8, "samples": 64"#
  let settings: [(String, String)] = [
    ("plain", imitation + #", "balance": {"method": "none"}"#),
    ("regularizer_embeddings",
     imitation + #", "balance": {\#(regularizer), "space": "embeddings"}"#),
    ("regularizer_inputs", imitation + #", "balance": {\#(regularizer), "space": "inputs"}"#),
    ("dropout", imitation + #", "balance": {"method": "dropout"}"#),
    ("ogm_ge", imitation + #", "balance": {"method": "ogm-ge"}"#),
    ("ppo", #""ppo": {"iterations": 2, "episodes_per_iteration": \#(episodes), "#
      + #""updates_per_iteration": \#(updates), "critic_warmup": 1}"#),
  ]

  do {
    let root = projectRoot()
    let suite = try SensorSuite(assetsFolder: ClipLibrary.findAssetsFolder(from: root))
    print("training.workers \(workers)")
    print("training.episodes_per_iteration \(episodes)")
    print("training.rounds \(rounds)")
    var steps = [String: Double](), seconds = [String: Double]()
    var updates = [String: [Double]](), ratios = [String: [Double]]()
    _ = try timeTraining(
      PolicyTrainer(config: writeConfig(settings[0].1, root: root), suite: suite,
                    workers: workers))
    for _ in 0..<rounds {
      var plainUpdate: Double?
      for (name, fields) in settings {
        let config = try writeConfig(fields, root: root)
        let trainer = try PolicyTrainer(config: config, suite: suite, workers: workers)
        let t = try timeTraining(trainer)
        let update = median(t.updateSeconds)
        if name == "plain" { plainUpdate = update }
        steps[name, default: 0] += t.collectSteps
        seconds[name, default: 0] += t.collectSeconds
        updates[name, default: []] += t.updateSeconds
        if let plainUpdate { ratios[name, default: []].append(update / plainUpdate) }
      }
    }
    for (name, _) in settings {
      print("training.\(name).collect_steps_per_second \(fixed(steps[name]! / seconds[name]!))")
      print("training.\(name).update_ms \(fixed(median(updates[name]!) * 1000))")
      print("training.\(name).over_plain \(fixed(median(ratios[name]!)))")
    }
    print("training.peak_memory_mib \(fixed(peakMemoryMiB()))")
  } catch {
    FileHandle.standardError.write(Data("training benchmark failed: \(error)\n".utf8))
    exit(1)
  }
}

/// Collection and update times of a whole run, from the gaps between its events.
private func timeTraining(
  _ trainer: PolicyTrainer
) throws -> (collectSteps: Double, collectSeconds: Double, updateSeconds: [Double]) {
  var last = Date()
  var collectSteps = 0.0, collectSeconds = 0.0
  var updateSeconds = [Double]()
  var firstOfIteration = true
  _ = try trainer.run(
    shouldStop: { false },
    event: { event in
      let now = Date()
      switch event {
      case .collected(let report):
        collectSteps += Double(report.steps)
        collectSeconds += now.timeIntervalSince(last)
        firstOfIteration = true
      case .updated:
        // The first update of an iteration also pays for assembling its batch data.
        if !firstOfIteration { updateSeconds.append(now.timeIntervalSince(last)) }
        firstOfIteration = false
      }
      last = Date()
    },
    checkpoint: { last = Date() })
  return (collectSteps, collectSeconds, updateSeconds)
}

/// A config like `configs/fused.json` with the phases and balance `fields`, in a
/// temporary folder, training on the project's `scenarios/train`.
private func writeConfig(_ fields: String, root: String) throws -> TrainingConfig {
  let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("earshot-training-benchmark-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: folder) }
  let path = folder.appendingPathComponent("config.json").path
  try """
    {"name": "benchmark", "seed": 1, "modalities": "fused", "memory": false,
     "train": ["\(root)/scenarios/train"], "max_steps": 80,
     "optimizer": {"learning_rate": 0.001, "clip_norm": 1.0}, \(fields)}
    """.write(toFile: path, atomically: true, encoding: .utf8)
  return try TrainingConfig.load(path)
}

private func fixed(_ x: Double) -> String { String(format: "%.2f", x) }

private func median(_ values: [Double]) -> Double {
  let sorted = values.sorted()
  guard !sorted.isEmpty else { return .nan }
  return sorted.count % 2 == 1
    ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

/// The process's peak resident memory so far, in MiB (Linux reports `ru_maxrss` in KiB).
private func peakMemoryMiB() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return Double(usage.ru_maxrss) / 1024
}
