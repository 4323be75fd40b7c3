import Dispatch
import EarshotAudio
import EarshotMedia
import EarshotWorld
import Foundation

// Audio steps per second: mix + binaural + reverberation + noise + spectrogram, for 1, 3
// and 6 sources, on one thread and on every core. The agent walks at random through a
// generated five-room world, so paths are walked and rooms estimated as they would be.
//
// Usage: earshot-benchmarks audio [--steps N] [--dry] [--quiet] [--still] [--checksum]
//                                 [--sources N] [--wav PATH]
//   --dry       no reverberation; --quiet: no background noise; --still: the agent stays put
//   --sources N only N sources (1, 3 and 6 by default)
//   --checksum  also prints, per source count, a hash of every sample and spectrogram value
//               of the one-thread run: equal hashes before and after a speed-up show that it
//               changed no observation, bit for bit (the hashing slows steps/s, not medians)
//   --wav PATH  before the timings, also writes two stereo WAV files to measure: PATH, which
//               must end in .wav, and PATH with -rooms before its .wav (`writeCheckFiles`)
func audioBenchmark(_ arguments: [String]) {
  let options = BenchmarkOptions(
    arguments, benchmark: "audio", numbers: ["--steps": 2_000, "--sources": 3],
    largest: ["--steps": 1_000_000, "--sources": benchmarkSounds.count], texts: ["--wav"],
    flags: ["--dry", "--quiet", "--still", "--checksum"],
    shownDefaults: ["--sources": "1, 3 and 6 in turn"])
  let steps = options["--steps"]
  let wavPath = options.text("--wav")
  if let wavPath {
    // Checked before anything is computed: the second file's name is made from the first's.
    let url = URL(fileURLWithPath: wavPath)
    let folder = url.deletingLastPathComponent().path
    var isFolder: ObjCBool = false
    guard wavPath.hasSuffix(".wav"), url.lastPathComponent != ".wav" else {
      refuseBenchmark("audio", "--wav needs a file name ending in .wav, not '\(wavPath)'")
    }
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder),
      isFolder.boolValue
    else { refuseBenchmark("audio", "--wav: no folder \(folder)") }
    for file in checkFileNames(wavPath) {
      guard FileManager.default.fileExists(atPath: file, isDirectory: &isFolder) else { continue }
      if isFolder.boolValue { refuseBenchmark("audio", "--wav: \(file) is a folder") }
    }
  }
  var acoustics = AcousticSettings()
  if options.flags.contains("--dry") { acoustics.reverberation = false }
  if options.flags.contains("--quiet") { acoustics.backgroundNoiseDecibels = nil }
  let still = options.flags.contains("--still")
  let hashing = options.flags.contains("--checksum")
  let counts = options.given.contains("--sources") ? [options["--sources"]] : [1, 3, 6]
  let clips = ClipLibrary(assetsFolder: benchmarkAssetsFolder("audio"))
  loadBenchmarkClips(clips, benchmark: "audio")
  // Before the timings, so that a file that cannot be written is known at once.
  if let wavPath { writeCheckFiles(wavPath, clips: clips) }
  let cores = usableCores()
  print("audio benchmark: \(steps) steps per episode, 0.25 s blocks at 16 kHz, \(cores)"
    + " core\(cores == 1 ? "" : "s")")
  print("sources  threads  steps/s  µs/step/core  median µs: mix  spectrogram  total")
  var hashes = [(Int, UInt64)]()
  for sources in counts {
    let scenario = benchmarkScenario(sources: sources, steps: steps, acoustics: acoustics)
    for threads in Array(Set([1, cores])).sorted() {
      let result = runAudioEpisodes(
        scenario: scenario, clips: clips, threads: threads, steps: steps, still: still,
        hashing: hashing)
      let perCore = 1e6 / result.stepsPerSecond * Double(threads)
      print(String(
        format: "%7d  %7d  %7.0f  %12.1f  %15.1f  %11.1f  %5.1f", sources, threads,
        result.stepsPerSecond, perCore, result.mixMicroseconds, result.spectrogramMicroseconds,
        result.totalMicroseconds))
      if threads == 1 { hashes.append((sources, result.hash)) }
    }
  }
  if hashing {
    for (sources, hash) in hashes {
      let hex = String(hash, radix: 16)
      print("checksum, \(sources) source\(sources == 1 ? "" : "s"): "
        + String(repeating: "0", count: 16 - hex.count) + hex)
    }
  }
}

/// The two files `--wav PATH` writes: PATH, and PATH with -rooms before its .wav.
private func checkFileNames(_ path: String) -> [String] {
  [path, String(path.dropLast(4)) + "-rooms.wav"]
}

/// Writes two WAV files to listen to and measure: `path`, a phone 4 m due west of an agent
/// in a 21 × 21 m room, anechoic and noiseless, the agent facing north for 2 s, then east,
/// then south; and `path` with `-rooms` before its `.wav`, a phone in the next room of a
/// two-room world, with reverberation and noise, the agent turning on the spot.
private func writeCheckFiles(_ path: String, clips: ClipLibrary) {
  let size = 21
  var rows = [String(repeating: "#", count: size + 2)]
  for r in 0..<size {
    rows.append("#" + (0..<size).map { r == 10 && $0 == 10 ? "^" : "." }.joined() + "#")
  }
  rows.append(rows[0])
  let rooms = """
    map:
    ###############
    #.....#.......#
    #.....#...1...#
    #.^...D.......#
    #.....#.......#
    ###############
    """
  let names = checkFileNames(path)
  let cases: [(String, String, SourceSpec, AcousticSettings, [Heading])] = [
    (names[0], "map:\n" + rows.joined(separator: "\n"),
      SourceSpec(sound: "phone", placement: .cell(GridPoint(column: 7, row: 11))),
      AcousticSettings(backgroundNoiseDecibels: nil, reverberation: false),
      [.north, .east, .south]),
    (names[1], rooms,
      SourceSpec(sound: "phone", placement: .spawnPoint(1)), AcousticSettings(),
      [.north, .east, .south, .west]),
  ]
  // Both files are made before either is written, and a first file this run created is
  // removed if the second cannot be written, so that a failure leaves no half of the pair.
  var made = [(file: String, left: [Float], right: [Float], report: String)]()
  for (file, map, goal, acoustics, headings) in cases {
    do {
      let world = try MapParser.parse(map)
      let scenario = Scenario(
        name: "check", world: world, goal: goal, maxSteps: 100, episodes: 1, seed: 1,
        acoustics: acoustics)
      let episode = try Episode(scenario: scenario, index: 0)
      let audio = try EpisodeAudio(
        episode: episode, acoustics: acoustics, clips: clips, settings: AudioSettings())
      var left = [Float](), right = [Float]()
      var step = 0
      for heading in headings {
        for _ in 0..<8 {
          let block = audio.observe(pose: Pose(cell: episode.start.cell, heading: heading),
            step: step)
          left += block.left
          right += block.right
          step += 1
        }
      }
      let route = audio.route(source: 0, to: episode.start.cell)!
      made.append((file, left, right, "wrote \(file): agent at \(episode.start.cell), 2 s"
        + " facing each of \(headings.map(\.name).joined(separator: ", ")); source at"
        + " \(episode.goal.cell), path \(String(format: "%.2f", route.length)) m,"
        + " \(route.bends)" + (route.bends == 1 ? " bend" : " bends") + ", arriving from"
        + " bearing \(String(format: "%.1f", route.arrivalBearing * 180 / .pi))°"))
    } catch {
      refuseBenchmark("audio", "cannot make \(file): \(error)")
    }
  }
  var created = [String]()
  for (file, left, right, report) in made {
    let existed = FileManager.default.fileExists(atPath: file)
    do {
      try AudioFile.writeStereo(left: left, right: right, sampleRate: 16_000, to: file)
    } catch {
      for earlier in created { try? FileManager.default.removeItem(atPath: earlier) }
      refuseBenchmark("audio", "cannot write \(file): \(error)")
    }
    if !existed { created.append(file) }
    print(report)
  }
}

/// Plays one episode per thread at random; times the audio only (not the set-up). With
/// `hashing`, also returns the hash of the first thread's samples and spectrograms.
///
/// Steps per second: all threads' steps over the wall-clock `Span` of their loops of steps
/// (set-up left out; with `hashing`, the hashing counts). The per-step figures are medians,
/// which a shared machine's preemptions do not drag up.
private func runAudioEpisodes(
  scenario: Scenario, clips: ClipLibrary, threads: Int, steps: Int, still: Bool,
  hashing: Bool
) -> (
  stepsPerSecond: Double, mixMicroseconds: Double, spectrogramMicroseconds: Double,
  totalMicroseconds: Double, hash: UInt64
) {
  let lock = NSLock()
  var mixTimes = [UInt64](), spectrogramTimes = [UInt64](), totalTimes = [UInt64]()
  var hash: UInt64 = 0
  let span = Span()
  DispatchQueue.concurrentPerform(iterations: threads) { worker in
    let episode = try! Episode(scenario: scenario, index: worker)
    let audio = try! EpisodeAudio(
      episode: episode, acoustics: scenario.acoustics, clips: clips, settings: AudioSettings())
    let spectrogram = Spectrogram()
    var state = AgentState(start: episode)
    var rng = SplitMix64(seed: 99, stream: UInt64(worker))
    var mix = [UInt64](), spec = [UInt64](), total = [UInt64]()
    var checksum = Checksum()
    let start = Span.now
    for step in 0..<steps {
      if step > 0 && !still {
        let action = Action(rawValue: 1 + rng.uniform(below: 3))!
        if state.done { state = AgentState(start: episode) }
        state.step(action, in: episode)
      }
      let t0 = DispatchTime.now().uptimeNanoseconds
      let block = audio.observe(pose: state.pose, step: step)
      let t1 = DispatchTime.now().uptimeNanoseconds
      let values = spectrogram.compute(block)
      let t2 = DispatchTime.now().uptimeNanoseconds
      mix.append(t1 - t0)
      spec.append(t2 - t1)
      total.append(t2 - t0)
      if hashing {
        checksum.add(block.left)
        checksum.add(block.right)
        checksum.add(values)
      }
    }
    span.record(start: start, end: Span.now)
    lock.lock()
    mixTimes += mix
    spectrogramTimes += spec
    totalTimes += total
    if worker == 0 { hash = checksum.value }
    lock.unlock()
  }
  func median(_ x: [UInt64]) -> Double { Double(x.sorted()[x.count / 2]) / 1e3 }
  return (
    Double(steps * threads) / span.seconds, median(mixTimes), median(spectrogramTimes),
    median(totalTimes), hash
  )
}

/// FNV-1a over the bit patterns of floats, in order.
private struct Checksum {
  private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

  mutating func add(_ values: [Float]) {
    for x in values {
      value = (value ^ UInt64(x.bitPattern)) &* 0x0000_0100_0000_01B3
    }
  }
}

/// The sounds of the benchmark's sources, the goal's first.
let benchmarkSounds = ["phone", "piano", "hum", "canary", "chirp", "trumpet"]

/// The audio and observation benchmarks' scenario: a generated five-room world, the goal
/// and `sources - 1` distractors (at most 6 in all) at random, a random start.
func benchmarkScenario(sources: Int, steps: Int, acoustics: AcousticSettings) -> Scenario {
  Scenario(
    name: "bench", world: RoomsGenerator(width: 25, height: 17, rooms: 5, seed: 3).generate(),
    goal: SourceSpec(sound: benchmarkSounds[0], placement: .random),
    distractors: (1..<sources).map {
      SourceSpec(sound: benchmarkSounds[$0], placement: .random, gainDecibels: -6)
    },
    start: .random, maxSteps: steps, episodes: 64, seed: 11, acoustics: acoustics)
}

/// The project's assets folder wherever the benchmark is run from (EARSHOT_ASSETS first);
/// without one, the benchmark `name` stops with one line and status 2.
func benchmarkAssetsFolder(_ name: String) -> String {
  do {
    return try ClipLibrary.findAssetsFolder(from: projectRoot())
  } catch {
    refuseBenchmark(name, "\(error)")
  }
}

/// Loads every benchmark sound before anything is timed, so that a missing one stops the
/// benchmark `name` at once, with one line and status 2.
func loadBenchmarkClips(_ clips: ClipLibrary, benchmark name: String) {
  do {
    for sound in benchmarkSounds {
      _ = try clips.clip(for: SourceSpec(sound: sound, placement: .random))
    }
  } catch {
    let assets = ProcessInfo.processInfo.environment["EARSHOT_ASSETS"] ?? ""
    refuseBenchmark(
      name, "\(error)" + (assets.isEmpty ? "" : " (EARSHOT_ASSETS is set to \(assets))"))
  }
}
