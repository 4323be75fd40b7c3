import EarshotAttribution
import EarshotAudio
import EarshotVision
import EarshotLearning
import EarshotWorld
import Foundation

/// What `--policy` names: `oracle`, `random` or a checkpoint file.
final class PolicyChoice: @unchecked Sendable {
  let name: String
  /// The network, for a checkpoint.
  let network: PolicyNetwork?
  private let suite: SensorSuite?
  private let scenarios: [String: Scenario]
  private let masking: LearnedPolicy.SenseMask
  private let lock = NSLock()
  private var learned: [LearnedPolicy] = []
  /// How learned policies explain their decisions (nil: not at all).
  var explanation: Explanation? = .standard

  /// Resolves `name` for `scenarios`.
  ///
  /// - Throws: `CLIError.usage` for a name that is neither a policy nor a readable,
  ///   matching checkpoint, or when a scenario's sounds cannot be loaded.
  init(_ name: String, scenarios: [Scenario], masking: LearnedPolicy.SenseMask = .none) throws {
    self.name = name
    self.masking = masking
    self.scenarios = Dictionary(scenarios.map { ($0.file, $0) }, uniquingKeysWith: { a, _ in a })
    guard name != "oracle" && name != "random" else {
      (network, suite) = (nil, nil)
      return
    }
    guard FileManager.default.fileExists(atPath: name) else {
      throw CLIError.usage("--policy: '\(name)' is not oracle, random or a checkpoint file")
    }
    let (network, _) = try PolicyCheckpoint.loadNetwork(name)
    let a = network.architecture
    let camera = CameraSettings(width: a.frameWidth, height: a.frameHeight)
    let suite = try SensorSuite(
      camera: camera, assetsFolder: Inputs.assetsFolder(near: scenarios.first?.file))
    guard suite.audioSettings.spectrogramBins == a.spectrogramBins,
      suite.audioSettings.spectrogramFrames == a.spectrogramFrames
    else {
      throw CLIError.usage("\(name): its spectrogram shape does not match this version's audio")
    }
    // Loading every scenario's first episode now turns a missing clip into a usage error.
    for s in scenarios { _ = try suite.sensors(for: try Episode(scenario: s, index: 0), of: s) }
    (self.network, self.suite) = (network, suite)
  }

  /// The policy maker that `EpisodeRunner` calls once per episode.
  var maker: PolicyMaker {
    switch name {
    case "oracle": return { _ in OraclePolicy() }
    case "random": return { RandomPolicy(seed: $0.seed, episode: $0.index) }
    default:
      return { [self] episode in
        let scenario = scenarios[episode.scenarioFile]!
        // Sensors for every scenario were built once in init, so this cannot fail.
        let sensors = try! suite!.sensors(for: episode, of: scenario)
        let policy = LearnedPolicy(network: network!, sensors: sensors, masking: masking)
        policy.explanation = explanation
        lock.lock()
        learned.append(policy)
        lock.unlock()
        return policy
      }
    }
  }

  /// Every attribution the learned policies made, in no particular order.
  var attributions: [Attribution] {
    lock.lock()
    defer { lock.unlock() }
    return learned.flatMap { $0.attributions }
  }

  /// Mean |IG| shares by modality over every step of every episode played, and
  /// the mean inter-modal variance; nil for policies without a network or one sense.
  var modalityBalance: (shares: [String: Double], variance: Double, steps: Int)? {
    guard let network, network.architecture.modalities.names.count > 1 else { return nil }
    let names = network.architecture.modalities.names
    var sums = [Double](repeating: 0, count: names.count), variance = 0.0, n = 0
    for policy in learned {
      for shares in policy.shareHistory.compactMap({ $0 }) {
        for (m, s) in shares.enumerated() { sums[m] += Double(s) }
        let m = Double(names.count)
        variance += shares.reduce(0) { $0 + (Double($1) - 1 / m) * (Double($1) - 1 / m) } / m
        n += 1
      }
    }
    guard n > 0 else { return nil }
    return (Dictionary(uniqueKeysWithValues: zip(names, sums.map { $0 / Double(n) })),
            variance / Double(n), n)
  }
}
