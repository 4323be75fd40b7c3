import EarshotWorld
import XCTest

@testable import EarshotAudio

/// A deterministic white-noise clip, broadband so that head shadow and delays show clearly.
func whiteNoiseClip(seconds: Double = 2, settings: AudioSettings = AudioSettings()) -> Clip {
  var rng = SplitMix64(seed: 42)
  let count = Int(seconds * Double(settings.sampleRate))
  let samples = (0..<count).map { _ in rng.nextUniform() * 2 - 1 }
  return Clip(
    name: "noise", samples: samples, sampleRate: settings.sampleRate, origin: "test",
    settings: settings)
}

/// A library with the test noise registered as `noise`, and no assets folder.
func noiseLibrary() -> ClipLibrary {
  let library = ClipLibrary(assetsFolder: nil)
  library.register(whiteNoiseClip(), as: "noise")
  return library
}

/// An open square room, `size × size` floor cells, walled round, the agent in the middle
/// facing north.
func openRoom(size: Int = 21) -> String {
  let wall = String(repeating: "#", count: size + 2)
  var rows = [wall]
  for r in 0..<size {
    var row = "#"
    for c in 0..<size { row += (r == size / 2 && c == size / 2) ? "^" : "." }
    rows.append(row + "#")
  }
  rows.append(wall)
  return "map:\n" + rows.joined(separator: "\n") + "\n"
}

/// An episode in `map` with the goal playing `sound` at `cell` and the agent at the map's start.
func episode(
  map: String, sound: String = "noise", at cell: GridPoint, gain: Double = 0,
  distractors: [SourceSpec] = [], seed: UInt64 = 1, index: Int = 0
) throws -> Episode {
  let world = try MapParser.parse(map)
  let scenario = Scenario(
    name: "test", world: world,
    goal: SourceSpec(sound: sound, placement: .cell(cell), gainDecibels: gain),
    distractors: distractors, start: .map, maxSteps: 100, episodes: 10, seed: seed)
  return try Episode(scenario: scenario, index: index)
}

/// Plain, anechoic, noiseless acoustics for tests against closed forms.
let dryAcoustics = AcousticSettings(backgroundNoiseDecibels: nil, reverberation: false)

/// Level in decibels of an RMS amplitude.
func decibels(_ rms: Double) -> Double { 20 * log10(rms) }

/// The lag, in samples, by which `right` trails `left` (positive: the left ear leads),
/// found by cross-correlation over ±`maxLag`.
func interauralLag(_ block: AudioBlock, maxLag: Int = 24) -> Int {
  var best = 0
  var bestValue = -Double.infinity
  let n = block.count
  for lag in -maxLag...maxLag {
    var sum = 0.0
    for i in maxLag..<(n - maxLag) {
      sum += Double(block.left[i]) * Double(block.right[i + lag])
    }
    if sum > bestValue {
      bestValue = sum
      best = lag
    }
  }
  return best
}

/// The blocks heard by an agent standing still at `pose` for `steps` steps.
func listen(
  _ episode: Episode, pose: Pose? = nil, steps: Int = 3, acoustics: AcousticSettings = dryAcoustics,
  clips: ClipLibrary = noiseLibrary()
) throws -> [AudioBlock] {
  let audio = try EpisodeAudio(
    episode: episode, acoustics: acoustics, clips: clips, settings: AudioSettings())
  return (0..<steps).map { audio.observe(pose: pose ?? episode.start, step: $0) }
}
