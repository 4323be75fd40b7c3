import Dispatch
import EarshotAudio
import EarshotLearning
import EarshotWorld
import Foundation

// The whole observation of one step, as training collects it: the first-person frame with
// its depth, the binaural block and its spectrogram, through `EpisodeSensors.observe`.
// The goal is this under 50 µs per core with 3 sources: 40,000 steps/s on 2 cores.
// The agent walks at random through the audio benchmark's five-room world.
//
// Usage: earshot-benchmarks observation [--steps N] [--sources N]
//   --steps N    steps per episode and thread (2000)
//   --sources N  the goal and N - 1 distractors, 1 to 6 (3)
func observationBenchmark(_ arguments: [String]) {
  let options = BenchmarkOptions(
    arguments, benchmark: "observation", numbers: ["--steps": 2_000, "--sources": 3])
  let steps = options["--steps"], sources = options["--sources"]
  guard sources <= benchmarkSounds.count else {
    refuseBenchmark("observation", "--sources needs 1 to 6, not \(sources)")
  }
  let suite: SensorSuite
  do {
    suite = try SensorSuite(assetsFolder: benchmarkAssetsFolder("observation"))
  } catch {
    refuseBenchmark("observation", "\(error)")
  }
  loadBenchmarkClips(suite.clips, benchmark: "observation")
  let scenario = benchmarkScenario(sources: sources, steps: steps, acoustics: AcousticSettings())
  let cores = ProcessInfo.processInfo.activeProcessorCount
  let camera = suite.camera
  print("observation benchmark: frame and depth \(camera.width)×\(camera.height), audio and"
    + " spectrogram, \(sources) sources, \(steps) steps per thread, \(cores) cores")
  print("threads  steps/s  µs/step/core  median µs per observation")
  for threads in Set([1, cores]).sorted() {
    let result = runObservations(scenario: scenario, suite: suite, threads: threads, steps: steps)
    print(String(
      format: "%7d  %7.0f  %12.1f  %25.1f", threads, result.stepsPerSecond,
      1e6 / result.stepsPerSecond * Double(threads), result.medianMicroseconds))
  }
  print("goal: under 50 µs per core with 3 sources (\(cores * 20_000) steps/s on \(cores) cores)")
}

/// Observes one episode per thread; times `observe` only. Steps per second: each thread's
/// steps over the time of its own calls to `observe`, summed over the threads.
private func runObservations(
  scenario: Scenario, suite: SensorSuite, threads: Int, steps: Int
) -> (stepsPerSecond: Double, medianMicroseconds: Double) {
  let lock = NSLock()
  var times = [UInt64](), stepsPerSecond = 0.0
  DispatchQueue.concurrentPerform(iterations: threads) { worker in
    var episode = try! Episode(scenario: scenario, index: worker)
    var sensors = try! suite.sensors(for: episode, of: scenario)
    var state = AgentState(start: episode)
    var rng = SplitMix64(seed: 99, stream: UInt64(worker))
    var own = [UInt64]()
    own.reserveCapacity(steps)
    for step in 0..<steps {
      if step > 0 {
        if state.done {
          // A new episode, as collection would start one; its set-up is not timed.
          episode = try! Episode(scenario: scenario, index: worker + threads * step)
          sensors = try! suite.sensors(for: episode, of: scenario)
          state = AgentState(start: episode)
        } else {
          state.step(Action(rawValue: 1 + rng.uniform(below: 3))!, in: episode)
        }
      }
      let t0 = DispatchTime.now().uptimeNanoseconds
      let observation = sensors.observe(state)
      own.append(DispatchTime.now().uptimeNanoseconds - t0)
      if observation.spectrogram.isEmpty { print("no spectrogram") }
    }
    lock.lock()
    times += own
    stepsPerSecond += Double(steps) / (Double(own.reduce(0, +)) / 1e9)
    lock.unlock()
  }
  return (stepsPerSecond, Double(times.sorted()[times.count / 2]) / 1e3)
}
