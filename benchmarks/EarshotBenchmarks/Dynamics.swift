import Dispatch
import EarshotWorld
import Foundation

/// Environment steps per second for the dynamics alone (no sensing), on the
/// four-rooms map, single thread and all cores.
///
/// Usage: `earshot-benchmarks dynamics [--steps N] [--json]`
func dynamicsBenchmark(_ arguments: [String]) {
  let options = BenchmarkOptions(
    arguments, benchmark: "dynamics", numbers: ["--steps": 20_000_000], flags: ["--json"])
  let steps = options["--steps"]
  let root = projectRoot()
  guard let scenario = try? ScenarioLoader.load(
    root + "/benchmarks/scenarios/four_rooms_dynamics.json")
  else { fatalError("cannot load benchmarks/scenarios/four_rooms_dynamics.json") }

  let slots = 1024
  let episodes = (0..<slots).map { try! Episode(scenario: scenario, index: $0) }
  // Actions drawn ahead of time so that only the dynamics are timed; no
  // `stop`, so episodes end by truncation and are put back at their start
  // after every round (every slot takes a real step every round).
  var rng = SplitMix64(seed: 1)
  let script = (0..<64).map { _ in
    (0..<slots).map { _ in Action(rawValue: 1 + rng.uniform(below: 3))! }
  }

  func run(workers: Int) -> Double {
    var env = BatchedEnvironment(episodes: episodes, workers: workers)
    var rewards = [Double](repeating: 0, count: slots)
    let rounds = steps / slots
    let start = DispatchTime.now().uptimeNanoseconds
    for r in 0..<rounds {
      env.step(script[r & 63], rewards: &rewards)
      for i in 0..<slots where env.states[i].done { env.reset(slot: i, to: episodes[i]) }
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
    return Double(rounds * slots) / seconds
  }

  let cores = usableCores()
  _ = run(workers: 1)  // warm up
  let single = run(workers: 1)
  let all = run(workers: cores)
  if options.flags.contains("--json") {
    print(#"{"single_thread_steps_per_second": \#(single), "#
      + #""all_cores_steps_per_second": \#(all), "cores": \#(cores)}"#)
  } else {
    print(String(
      format: "dynamics, four rooms, %d slots: %.0f steps/s on 1 thread, %.0f steps/s on %d",
      slots, single, all, cores))
  }
}

/// The package root: the folder holding Package.swift, found upwards from here.
func projectRoot() -> String {
  var url = URL(fileURLWithPath: #filePath)
  while url.path != "/" {
    url.deleteLastPathComponent()
    if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
      return url.path
    }
  }
  return FileManager.default.currentDirectoryPath
}
