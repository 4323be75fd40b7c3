import Dispatch
import EarshotAudio
import EarshotLearning
import EarshotWorld
import Foundation

// The whole observation of one step: the first-person frame with its depth, the binaural
// block and its spectrogram, through `EpisodeSensors.observe`, the call training collects
// observations with (turning them into tensors is not counted). The issue's goal is this
// under 50 µs per core with 3 sources: 40,000 steps/s on 2 cores. Each thread plays one
// episode of N steps, walking at random (never stopping) through the audio benchmark's
// five-room world.
//
// Usage: earshot-benchmarks observation [--steps N] [--sources N]
//   --steps N    steps per thread, at most 1,000,000 (2000)
//   --sources N  the goal and N - 1 distractors, 1 to 6 (3)
func observationBenchmark(_ arguments: [String]) {
  let options = BenchmarkOptions(
    arguments, benchmark: "observation", numbers: ["--steps": 2_000, "--sources": 3],
    largest: ["--steps": 1_000_000, "--sources": benchmarkSounds.count])
  let steps = options["--steps"], sources = options["--sources"]
  let suite: SensorSuite
  do {
    suite = try SensorSuite(assetsFolder: benchmarkAssetsFolder("observation"))
  } catch {
    refuseBenchmark("observation", "\(error)")
  }
  loadBenchmarkClips(suite.clips, benchmark: "observation")
  let scenario = benchmarkScenario(sources: sources, steps: steps, acoustics: AcousticSettings())
  let cores = usableCores()
  let camera = suite.camera
  print("observation benchmark: frame and depth \(camera.width)×\(camera.height), audio and"
    + " spectrogram, \(sources) source\(sources == 1 ? "" : "s"), \(steps) steps per thread,"
    + " \(cores) core\(cores == 1 ? "" : "s")")
  print("threads  steps/s  µs/step/core  median µs per observation")
  for threads in Set([1, cores]).sorted() {
    let result = runObservations(scenario: scenario, suite: suite, threads: threads, steps: steps)
    print(String(
      format: "%7d  %7.0f  %12.1f  %25.1f", threads, result.stepsPerSecond,
      1e6 / result.stepsPerSecond * Double(threads), result.medianMicroseconds))
  }
  print("goal: under 50 µs per core with 3 sources (\(cores * 20_000) steps/s on \(cores)"
    + " core\(cores == 1 ? "" : "s"))")
}

/// Observes one episode per thread; the medians time `observe` alone. Steps per second:
/// all threads' steps over the wall-clock `Span` of their loops (set-up left out).
private func runObservations(
  scenario: Scenario, suite: SensorSuite, threads: Int, steps: Int
) -> (stepsPerSecond: Double, medianMicroseconds: Double) {
  let lock = NSLock()
  let span = Span()
  var times = [UInt64]()
  DispatchQueue.concurrentPerform(iterations: threads) { worker in
    let episode = try! Episode(scenario: scenario, index: worker)
    let sensors = try! suite.sensors(for: episode, of: scenario)
    var state = AgentState(start: episode)
    var rng = SplitMix64(seed: 99, stream: UInt64(worker))
    var own = [UInt64]()
    let start = Span.now
    for step in 0..<steps {
      // The scenario's step limit is `steps` and the walk never stops: one episode.
      if step > 0 { state.step(Action(rawValue: 1 + rng.uniform(below: 3))!, in: episode) }
      let t0 = Span.now
      let observation = sensors.observe(state)
      own.append(Span.now - t0)
      if observation.spectrogram.isEmpty { print("no spectrogram") }
    }
    span.record(start: start, end: Span.now)
    lock.lock()
    times += own
    lock.unlock()
  }
  return (Double(steps * threads) / span.seconds, Double(times.sorted()[times.count / 2]) / 1e3)
}
