import EarshotAttribution
import EarshotAutodiff
import EarshotWorld
import Foundation

/// What the trainer reports as it goes (the command line turns these into a
/// progress bar and JSONL log lines).
public enum TrainingEvent {
  /// An iteration's episodes were collected.
  case collected(CollectionReport)
  /// One gradient update.
  case updated(UpdateReport)
}

/// The episodes of one iteration.
public struct CollectionReport: Sendable {
  /// `imitation` or `ppo`.
  public var phase: String
  public var iteration: Int
  /// β, the chance that the oracle acts (imitation only).
  public var beta: Double?
  public var episodes: Int
  public var steps: Int
  public var success: Double
  /// The mean undiscounted return of the episodes (PPO only).
  public var meanReturn: Double?
}

/// The numbers of one gradient update.
public struct UpdateReport: Sendable {
  /// `imitation` or `ppo`.
  public var phase = "imitation"
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
  /// PPO only: the value loss, the policy's mean entropy and the fraction of
  /// steps whose probability ratio was clipped.
  public var valueLoss: Float?
  public var entropy: Float?
  public var clipFraction: Float?
}

/// Trains a policy in two phases, either of which may be absent:
///
/// 1. imitation of the oracle: behaviour cloning on oracle episodes, then DAgger
///    (the learner acts with probability 1 − β, the oracle labels every step);
/// 2. PPO with generalised advantage estimation on the simulator's rewards
///    (`PolicyTrainer+PPO.swift`).
///
/// Either phase may use a modality-balance method (`PolicyTrainer+Balance.swift`).
/// Iterations and updates are counted across both phases. Randomness comes from
/// the config's seed only, keyed by iteration and update, so a run resumed from a
/// checkpoint continues exactly as an uninterrupted one.
public final class PolicyTrainer {
  public let config: TrainingConfig
  public let network: PolicyNetwork
  public let scenarios: [Scenario]
  let optimizer: Adam
  let rollouts: Rollouts
  /// Completed iterations.
  public internal(set) var iteration = 0
  /// Completed gradient updates.
  public internal(set) var updates = 0
  /// Every trajectory collected by imitation so far (PPO's episodes are used once
  /// and dropped).
  public internal(set) var dataset: [Trajectory] = []

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
    if let path = config.initialWeights {
      let (start, _) = try PolicyCheckpoint.loadNetwork(path)
      guard start.architecture == architecture else {
        throw LearningError.badCheckpoint(
          path: path, reason: "init: its architecture is not the config's "
            + "(\(start.architecture.json) against \(architecture.json))")
      }
      try network.loadParameters(
        from: Dictionary(uniqueKeysWithValues: start.namedParameters.map { ($0.name, $0.tensor) }))
    }
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
    while iteration < config.totalIterations {
      if shouldStop() { return false }
      let finished = iteration < config.iterations
        ? try imitationIteration(shouldStop: shouldStop, event: event)
        : try ppoIteration(shouldStop: shouldStop, event: event)
      if !finished { return false }
      iteration += 1
      if iteration % config.checkpointEvery == 0 || iteration == config.totalIterations {
        try checkpoint()
      }
    }
    return true
  }

  /// Collects one imitation iteration's episodes and trains on the whole dataset.
  private func imitationIteration(
    shouldStop: () -> Bool, event: (TrainingEvent) -> Void
  ) throws -> Bool {
    let b = beta(iteration)
    let actor: Rollouts.Actor = iteration == 0
      ? .oracle
      : .mixture(network: network, beta: b, seed: config.seed ^ UInt64(iteration) &* 0x9E37)
    let collected = try rollouts.collect(
      episodes(of: iteration), actor: actor, maxSteps: config.maxSteps)
    dataset += collected
    event(.collected(CollectionReport(
      phase: "imitation", iteration: iteration, beta: b, episodes: collected.count,
      steps: collected.reduce(0) { $0 + $1.steps },
      success: Double(collected.filter(\.success).count) / Double(max(1, collected.count)))))
    for _ in 0..<config.updatesPerIteration {
      if shouldStop() { return false }
      event(.updated(try update()))
    }
    return true
  }

  /// Rebuilds the dataset of a resumed run by replaying its recorded actions
  /// (only while imitation still needs it; afterwards the actions are kept as
  /// they are, for the next checkpoint).
  func replay(_ recorded: [(scenario: Int, episode: Int, actions: [Action])]) throws {
    guard iteration < config.iterations else {
      dataset = recorded.map {
        var t = Trajectory(scenario: $0.scenario, episode: $0.episode)
        t.actions = $0.actions
        return t
      }
      return
    }
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
