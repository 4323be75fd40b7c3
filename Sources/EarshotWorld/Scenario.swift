/// Where a sound source stands.
public enum Placement: Hashable, Sendable {
  /// The map's spawn point with this digit.
  case spawnPoint(Int)
  /// A fixed cell.
  case cell(GridPoint)
  /// A free cell from which the goal can be reached, drawn per episode.
  case random
}

/// Whether a source loops for the whole episode or plays once, then falls silent.
public enum PlaybackMode: String, Sendable {
  case continuous
  case intermittent
}

/// A sound source as a scenario describes it.
public struct SourceSpec: Hashable, Sendable {
  /// A clip name in `assets/sounds/` or a path to an audio file.
  public var sound: String
  /// The absolute path of `sound` when it names a file rather than a clip.
  public var soundFile: String?
  public var placement: Placement
  public var mode: PlaybackMode
  /// Level change applied to the clip, in decibels.
  public var gainDecibels: Double

  public init(
    sound: String, soundFile: String? = nil, placement: Placement,
    mode: PlaybackMode = .continuous, gainDecibels: Double = 0
  ) {
    self.sound = sound
    self.soundFile = soundFile
    self.placement = placement
    self.mode = mode
    self.gainDecibels = gainDecibels
  }
}

/// Acoustic settings of a scenario.
public struct AcousticSettings: Hashable, Sendable {
  /// Level of the diffuse background noise in dB relative to full scale;
  /// `nil` for none.
  public var backgroundNoiseDecibels: Double?
  /// Whether rooms reverberate.
  public var reverberation: Bool

  public init(backgroundNoiseDecibels: Double? = -60, reverberation: Bool = true) {
    self.backgroundNoiseDecibels = backgroundNoiseDecibels
    self.reverberation = reverberation
  }
}

/// How an episode chooses the agent's start.
public enum StartRule: Hashable, Sendable {
  /// The arrow in the map.
  case map
  /// A free cell and heading, drawn per episode.
  case random
}

/// A navigation task: a world, a goal sound, distractors, a start rule and a budget.
///
/// Everything an episode does follows from the scenario, its `seed` and the
/// episode's index.
public struct Scenario: Sendable {
  public var name: String
  /// The scenario file, as it was named.
  public var file: String
  public var world: World
  public var goal: SourceSpec
  public var distractors: [SourceSpec]
  public var start: StartRule
  /// Actions after which an episode is truncated (a failure).
  public var maxSteps: Int
  public var episodes: Int
  public var seed: UInt64
  /// Shortest-path distance in cells from the goal within which `stop` succeeds.
  public var successDistance: Int
  public var acoustics: AcousticSettings

  public init(
    name: String, file: String = "", world: World, goal: SourceSpec,
    distractors: [SourceSpec] = [], start: StartRule = .map, maxSteps: Int,
    episodes: Int, seed: UInt64, successDistance: Int = 1,
    acoustics: AcousticSettings = AcousticSettings()
  ) {
    self.name = name
    self.file = file
    self.world = world
    self.goal = goal
    self.distractors = distractors
    self.start = start
    self.maxSteps = maxSteps
    self.episodes = episodes
    self.seed = seed
    self.successDistance = successDistance
    self.acoustics = acoustics
  }
}
