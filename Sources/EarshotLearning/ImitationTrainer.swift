import EarshotAttribution
import EarshotAutodiff
import EarshotWorld
import Foundation

/// What the trainer reports as it goes (the command line turns these into a
/// progress bar and JSONL log lines).
public enum TrainingEvent {
  /// An iteration's episodes were collected.
  case collected(iteration: Int, beta: Double, episodes: Int, steps: Int, success: Double)
  /// One gradient update.
  case updated(UpdateReport)
}

/// The numbers of one gradient update.
public struct UpdateReport: Sendable {
  public var iteration: Int
  public var update: Int
  public var totalUpdates: Int
  public var loss: Float
  public var penalty: Float
  public var accuracy: Float
  public var gradientNorm: Float
  /// Mean |IG| shares at the embeddings (vision, audio) for the expert's action logit.
  public var shares: [Float]?
  public var intermodalVariance: Float?
  /// OGM-GE's coefficients (vision, audio), when used.
  public var modulation: [Float]?
}

/// Imitation of the oracle: behaviour cloning on oracle episodes, then DAgger
/// (the learner acts with probability 1 − β, the oracle labels every step),
/// with an optional modality-balance method.
///
/// Randomness comes from the config's seed only, keyed by iteration and update,
/// so a run resumed from a checkpoint continues exactly as an uninterrupted one.
public final class ImitationTrainer {
  public let config: TrainingConfig
  public let network: PolicyNetwork
  public let scenarios: [Scenario]
  let optimizer: Adam
  let rollouts: Rollouts
  /// Completed iterations.
  public internal(set) var iteration = 0
  /// Completed gradient updates.
  public internal(set) var updates = 0
  /// Every trajectory collected so far.
  public private(set) var dataset: [Trajectory] = []

  /// A trainer at the start of `config`.
  ///
  /// - Throws: scenario, architecture and sensor errors.
  public init(config: TrainingConfig, suite: SensorSuite, workers: Int) throws {
    self.config = config
    scenarios = try config.trainScenarios.map { try ScenarioLoader.load($0) }
    var architecture = config.architecture
    architecture.frameWidth = suite.camera.width
    architecture.frameHeight = suite.camera.height
    architecture.spectrogramBins = suite.audioSettings.spectrogramBins
    architecture.spectrogramFrames = suite.audioSettings.spectrogramFrames
    network = try PolicyNetwork(architecture, seed: config.seed)
    optimizer = Adam(
      learningRate: Float(config.learningRate), weightDecay: Float(config.weightDecay))
    rollouts = Rollouts(suite: suite, scenarios: scenarios, workers: workers)
  }

  /// β of `iteration`: the chance that the oracle acts.
  public func beta(_ iteration: Int) -> Double { pow(config.betaDecay, Double(iteration)) }

  /// The episodes collected in `iteration`, spread over the scenarios.
  func episodes(of iteration: Int) -> [(scenario: Int, episode: Int)] {
    let n = config.episodesPerIteration
    return (0..<n).map { k in
      let global = iteration * n + k
      let s = global % scenarios.count
      return (s, (global / scenarios.count) % scenarios[s].episodes)
    }
  }

  /// Runs the remaining iterations, calling `event` as it goes and `checkpoint`
  /// after every `checkpointEvery` iterations and at the end.
  ///
  /// - Parameter shouldStop: polled between updates; when it turns true the
  ///   trainer stops at once (the last checkpoint stays as it was).
  /// - Returns: whether all iterations ran.
  public func run(
    shouldStop: () -> Bool, event: (TrainingEvent) -> Void, checkpoint: () throws -> Void
  ) throws -> Bool {
    while iteration < config.iterations {
      if shouldStop() { return false }
      let b = beta(iteration)
      let actor: Rollouts.Actor = iteration == 0
        ? .oracle
        : .mixture(network: network, beta: b, seed: config.seed ^ UInt64(iteration) &* 0x9E37)
      let collected = try rollouts.collect(
        episodes(of: iteration), actor: actor, maxSteps: config.maxSteps)
      dataset += collected
      let steps = collected.reduce(0) { $0 + $1.steps }
      let successes = collected.filter(\.success).count
      event(.collected(
        iteration: iteration, beta: b, episodes: collected.count, steps: steps,
        success: Double(successes) / Double(max(1, collected.count))))

      for _ in 0..<config.updatesPerIteration {
        if shouldStop() { return false }
        event(.updated(try update()))
      }
      iteration += 1
      if iteration % config.checkpointEvery == 0 || iteration == config.iterations {
        try checkpoint()
      }
    }
    return true
  }

  /// Rebuilds the dataset of a resumed run by replaying its recorded actions.
  func replay(_ recorded: [(scenario: Int, episode: Int, actions: [Action])]) throws {
    let trajectories = try rollouts.collect(
      recorded.map { ($0.scenario, $0.episode) }, actor: .replay(recorded.map { $0.actions }),
      maxSteps: config.maxSteps)
    dataset = trajectories
  }

  /// Restores counters after a checkpoint was loaded.
  func restore(iteration: Int, updates: Int) {
    self.iteration = iteration
    self.updates = updates
  }

  var adam: Adam { optimizer }
}
