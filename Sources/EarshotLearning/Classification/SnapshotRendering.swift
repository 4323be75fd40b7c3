import Foundation
import EarshotVision
import EarshotWorld

extension SnapshotDataset {
  /// Renders every snapshot of `suite`: frame and spectrogram at one pose per snapshot.
  ///
  /// Snapshot i draws, from `SplitMix64(seed: suite.seed, stream: i)` and in this order:
  /// its world, its class, its distractors' classes, whether it faces the goal, the
  /// episode seed (goal and distractor cells), and the pose. Acoustics draw nothing, so
  /// ``SnapshotSuite/heard(backgroundNoiseDecibels:reverberation:name:)`` gives the same
  /// scenes under other noise. The result does not depend on `workers`.
  ///
  /// - Parameters:
  ///   - sensors: camera, audio settings and clips; its camera sets H × W.
  ///   - workers: threads to render on, at least 1.
  /// - Throws: ``LearningError/badConfig(path:key:reason:)`` for a bad suite, and the
  ///   world's or audio's error for a snapshot that cannot be set up (a missing clip).
  /// - Complexity: O(count × (H·W + audio block + path search in a ≤ 12 × 12 world)).
  public static func generate(
    _ suite: SnapshotSuite, sensors: SensorSuite, workers: Int = 1
  ) throws -> SnapshotDataset {
    try suite.validate()
    let frameShape = [3, sensors.camera.height, sensors.camera.width]
    let spectrogramShape = [2, sensors.audioSettings.spectrogramBins,
                            sensors.audioSettings.spectrogramFrames]
    let frameSize = frameShape.reduce(1, *), spectrogramSize = spectrogramShape.reduce(1, *)
    var worlds = [UInt64: World]()
    for seed in suite.worldSeeds where worlds[seed] == nil {
      worlds[seed] = SnapshotSuite.world(seed: seed)
    }

    var frames = [Float](repeating: 0, count: suite.count * frameSize)
    var spectrograms = [Float](repeating: 0, count: suite.count * spectrogramSize)
    var labels = [Int](repeating: 0, count: suite.count)
    var visible = [Bool](repeating: false, count: suite.count)
    var facing = [Bool](repeating: false, count: suite.count)
    let failure = FirstError()
    frames.withUnsafeMutableBufferPointer { framesOut in
      spectrograms.withUnsafeMutableBufferPointer { spectrogramsOut in
        labels.withUnsafeMutableBufferPointer { labelsOut in
          visible.withUnsafeMutableBufferPointer { visibleOut in
            facing.withUnsafeMutableBufferPointer { facingOut in
              nonisolated(unsafe) let out = (framesOut, spectrogramsOut, labelsOut, visibleOut,
                                             facingOut)
              DispatchQueue.concurrentPerform(iterations: max(1, workers)) { worker in
                for i in stride(from: worker, to: suite.count, by: max(1, workers)) {
                  if failure.error != nil { return }
                  do {
                    let s = try renderSnapshot(i, suite: suite, worlds: worlds, sensors: sensors)
                    for k in 0..<frameSize { out.0[i * frameSize + k] = s.frame[k] }
                    for k in 0..<spectrogramSize {
                      out.1[i * spectrogramSize + k] = s.spectrogram[k]
                    }
                    (out.2[i], out.3[i], out.4[i]) = (s.label, s.visible, s.facing)
                  } catch {
                    failure.record(error)
                  }
                }
              }
            }
          }
        }
      }
    }
    if let error = failure.error { throw error }
    return SnapshotDataset(
      suite: suite, frameShape: frameShape, spectrogramShape: spectrogramShape, frames: frames,
      spectrograms: spectrograms, labels: labels, goalVisible: visible, facing: facing)
  }

  /// One snapshot's scaled inputs, label and flags.
  static func renderSnapshot(
    _ i: Int, suite: SnapshotSuite, worlds: [UInt64: World], sensors: SensorSuite
  ) throws -> (frame: [Float], spectrogram: [Float], label: Int, visible: Bool, facing: Bool) {
    let (scenario, episode, pose, label, faced) = try suite.scene(i, worlds: worlds)
    let senses = try sensors.sensors(for: episode, of: scenario)
    var state = AgentState(start: episode)
    state.pose = pose
    // The first block starts the reverberation; the second is the one classified.
    _ = senses.audio.observe(pose: pose, step: 0)
    state.actions = 1
    let observation = senses.observe(state)
    var withoutGoal = Frame(settings: sensors.camera)
    senses.renderer.render(pose: pose, sources: episode.distractors, into: &withoutGoal)

    var frame = [Float](), spectrogram = [Float]()
    ObservationTensors.appendFrame(observation.frame, to: &frame)
    ObservationTensors.appendSpectrogram(observation.spectrogram, to: &spectrogram)
    return (frame, spectrogram, label, withoutGoal.rgb != observation.frame.rgb, faced)
  }

  /// A pose 1–3 cells from the goal along a row or column of open, source-free cells,
  /// facing it; `nil` when the goal has no open neighbour in line.
  static func facingPose(_ episode: Episode, using rng: inout SplitMix64) -> Pose? {
    let goal = episode.goal.cell
    let taken = Set(episode.sources.map(\.cell))
    var candidates = [Pose]()
    for direction in Heading.allCases {
      var cell = goal
      for _ in 1...3 {
        cell = cell.moved(direction)
        guard episode.world.contains(cell), episode.world.isOpen(cell),
          !taken.contains(cell) else { break }
        candidates.append(Pose(cell: cell, heading: direction.left.left))
      }
    }
    return candidates.isEmpty ? nil : candidates[rng.uniform(below: candidates.count)]
  }

  /// A uniformly random open, source-free cell and heading.
  static func randomPose(_ episode: Episode, using rng: inout SplitMix64) -> Pose {
    let taken = Set(episode.sources.map(\.cell))
    let world = episode.world
    let cells = (0..<(world.width * world.height)).map(world.cell(at:)).filter {
      world.isOpen($0) && !taken.contains($0)
    }
    let cell = cells[rng.uniform(below: cells.count)]
    return Pose(cell: cell, heading: Heading(rawValue: rng.uniform(below: 4))!)
  }
}

/// The first error thrown by any worker.
private final class FirstError: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: Error?

  var error: Error? {
    lock.lock()
    defer { lock.unlock() }
    return stored
  }

  func record(_ error: Error) {
    lock.lock()
    defer { lock.unlock() }
    if stored == nil { stored = error }
  }
}

extension SnapshotSuite {
  /// The scene of snapshot `i`: its scenario and episode (goal and distractor cells), the
  /// agent's pose, the label, and whether the pose faces the goal.
  ///
  /// - Parameter worlds: the worlds of `worldSeeds`, if already generated; others are
  ///   generated here.
  /// - Throws: `ScenarioError` when the world leaves no room for the sources.
  public func scene(_ i: Int, worlds: [UInt64: World] = [:]) throws
    -> (scenario: Scenario, episode: Episode, pose: Pose, label: Int, facing: Bool)
  {
    var rng = SplitMix64(seed: seed, stream: UInt64(i))
    let worldSeed = worldSeeds[rng.uniform(below: worldSeeds.count)]
    let world = worlds[worldSeed] ?? SnapshotSuite.world(seed: worldSeed)
    let label = rng.uniform(below: classes.count)
    var others = classes.indices.filter { $0 != label }
    var distractorSpecs = [SourceSpec]()
    for _ in 0..<distractors {
      let k = others.remove(at: rng.uniform(below: others.count))
      distractorSpecs.append(SourceSpec(sound: classes[k], placement: .random))
    }
    let facesGoal = rng.unitDouble() < facingFraction
    let scenario = Scenario(
      name: world.name, file: "classification", world: world,
      goal: SourceSpec(sound: classes[label], placement: .random),
      distractors: distractorSpecs, start: .random, maxSteps: 1, episodes: 1, seed: rng.next(),
      acoustics: AcousticSettings(backgroundNoiseDecibels: backgroundNoiseDecibels,
                                  reverberation: reverberation))
    let episode = try Episode(scenario: scenario, index: 0)
    let faced = facesGoal ? SnapshotDataset.facingPose(episode, using: &rng) : nil
    let pose = faced ?? SnapshotDataset.randomPose(episode, using: &rng)
    return (scenario, episode, pose, label, faced != nil)
  }
}
