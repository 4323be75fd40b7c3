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
  /// - Precondition: `scenarios` came from `Inputs.scenarios` (their sounds load).
  /// - Throws: `CLIError.usage` for a name that is neither a policy nor a readable,
  ///   matching checkpoint.
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
        // Callers load scenarios through `Inputs.scenarios`, which has loaded every sound
        // they name, and the camera was checked in init, so this cannot fail.
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

  /// Mean |IG| shares of vision and audio over every decision of every episode
  /// played, and the mean inter-modal variance over the two senses; nil for
  /// policies without a network. A sense a network lacks has share 0.
  var modalityBalance: (shares: [String: Double], variance: Double, steps: Int)? {
    guard network != nil else { return nil }
    let perDecision = sharesOfBothSenses
    guard !perDecision.isEmpty else { return nil }
    let n = Double(perDecision.count)
    let vision = perDecision.reduce(0) { $0 + $1[0] } / n
    let variance = perDecision.reduce(0) { total, s in
      total + ((s[0] - 0.5) * (s[0] - 0.5) + (s[1] - 0.5) * (s[1] - 0.5)) / 2
    } / n
    return (["vision": vision, "audio": 1 - vision], variance, perDecision.count)
  }

  /// Per decision with a nonzero attribution, the shares of (vision, audio).
  var sharesOfBothSenses: [[Double]] {
    guard let network else { return [] }
    let names = network.architecture.modalities.names
    lock.lock()
    defer { lock.unlock() }
    return learned.flatMap { $0.shareHistory }.compactMap { shares in
      shares.map { s in
        Modalities.fused.names.map { name in
          names.firstIndex(of: name).map { Double(s[$0]) } ?? 0
        }
      }
    }
  }
}
