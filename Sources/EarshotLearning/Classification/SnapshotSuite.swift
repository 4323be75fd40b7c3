import EarshotWorld

/// What a set of classification snapshots is drawn from: worlds, sound classes, acoustics
/// and how the agent is posed.
///
/// A snapshot is one generated world (`RoomsGenerator`), one goal source of a class drawn
/// uniformly from `classes`, optional distractors of other classes, and one agent pose;
/// its inputs are the first-person frame and the spectrogram of the second audio block
/// heard at that pose (the second, so that reverberation has built up). The label is the
/// goal's class index in `classes`.
///
/// | field                     | meaning                                                     |
/// | ------------------------- | ----------------------------------------------------------- |
/// | `worldSeeds`              | seeds of the worlds; keep training and test seeds disjoint  |
/// | `count`                   | snapshots                                                   |
/// | `seed`                    | draws of world, class, placement and pose per snapshot      |
/// | `backgroundNoiseDecibels` | diffuse noise in dBFS (clips play at −20 dBFS at 1 m)       |
/// | `facingFraction`          | share of snapshots posed 1–3 cells from the goal, facing it |
///
/// The other snapshots take a uniformly random free cell and heading, so the goal is in
/// view only by chance there. Everything follows from the suite: the same suite gives the
/// same snapshots, bit for bit.
public struct SnapshotSuite: Sendable {
  /// A name for logs and result files.
  public var name: String
  /// The worlds' `RoomsGenerator` seeds; each snapshot draws one uniformly.
  public var worldSeeds: [UInt64]
  /// Number of snapshots.
  public var count: Int
  /// The seed of every per-snapshot draw.
  public var seed: UInt64
  /// Sound class names; the label is an index into this list.
  public var classes: [String]
  /// Diffuse background noise in dB relative to full scale; `nil` for none.
  public var backgroundNoiseDecibels: Double?
  /// Whether rooms reverberate.
  public var reverberation: Bool
  /// Fraction in [0, 1] of snapshots posed facing the goal from 1–3 cells away.
  public var facingFraction: Double
  /// Distractor sources per snapshot, each of a class other than the goal's.
  public var distractors: Int

  /// A suite; see the type's table for the fields.
  public init(
    name: String, worldSeeds: [UInt64], count: Int, seed: UInt64, classes: [String],
    backgroundNoiseDecibels: Double?, reverberation: Bool = true, facingFraction: Double = 0.5,
    distractors: Int = 0
  ) {
    self.name = name
    self.worldSeeds = worldSeeds
    self.count = count
    self.seed = seed
    self.classes = classes
    self.backgroundNoiseDecibels = backgroundNoiseDecibels
    self.reverberation = reverberation
    self.facingFraction = facingFraction
    self.distractors = distractors
  }

  /// The same snapshots (worlds, classes, placements, poses) heard through other acoustics.
  public func heard(
    backgroundNoiseDecibels: Double?, reverberation: Bool? = nil, name: String
  ) -> SnapshotSuite {
    var copy = self
    copy.backgroundNoiseDecibels = backgroundNoiseDecibels
    copy.reverberation = reverberation ?? self.reverberation
    copy.name = name
    return copy
  }

  /// Throws `LearningError.badConfig` for an empty or impossible suite.
  public func validate() throws {
    func bad(_ key: String, _ reason: String) -> LearningError {
      .badConfig(path: "suite \(name)", key: key, reason: reason)
    }
    guard !worldSeeds.isEmpty else { throw bad("worldSeeds", "give at least one world seed") }
    guard count >= 1 else { throw bad("count", "ask for at least one snapshot") }
    guard classes.count >= 2 else { throw bad("classes", "classify among at least 2 classes") }
    guard (0...1).contains(facingFraction) else {
      throw bad("facingFraction", "must lie in [0, 1], got \(facingFraction)")
    }
    guard distractors >= 0, distractors < classes.count else {
      throw bad("distractors", "0 ≤ distractors < classes (\(classes.count))")
    }
  }

  /// The world with RoomsGenerator seed `seed`: 8–12 cells a side, 1–3 rooms, all drawn
  /// from the seed.
  public static func world(seed: UInt64) -> World {
    var rng = SplitMix64(seed: seed, stream: 0x574F_524C_44)
    let width = 8 + rng.uniform(below: 5), height = 8 + rng.uniform(below: 5)
    let rooms = 1 + rng.uniform(below: 3)
    return RoomsGenerator(width: width, height: height, rooms: rooms, seed: seed)
      .generate(name: "classify-\(seed)")
  }
}
