import EarshotAttribution
import EarshotWorld
import Foundation

/// How a policy keeps one sense from dominating, if at all.
public enum BalanceMethod: Equatable, Sendable {
  case none
  /// The attribution-balance regularizer λ·D(s, r) on Integrated Gradients.
  case regularizer(RegularizerSettings)
  /// Zero one modality's embedding with probability `rate` per sample.
  case modalityDropout(rate: Double)
  /// OGM-GE: scale down the dominant encoder's gradient by 1 − tanh(α·(ρ − 1)),
  /// plus Gaussian noise of the gradient's own spread.
  case gradientModulation(alpha: Double)

  /// The name used in configs and logs.
  public var name: String {
    switch self {
    case .none: return "none"
    case .regularizer: return "regularizer"
    case .modalityDropout: return "dropout"
    case .gradientModulation: return "ogm-ge"
    }
  }
}

/// Settings of the attribution-balance regularizer.
public struct RegularizerSettings: Equatable, Sendable {
  public var weight: Double = 0.1
  public var divergence: ShareDivergence = .l1
  /// Target shares in modality order (vision, audio); nil for uniform.
  public var targetShares: [Float]?
  public var points: Int = 8
  /// `true` for one random path point per sample (the cheap, named approximation).
  public var stochastic = false
  public var space: AttributionSpace = .embeddings
  public var netShares = false
  /// Samples per update on which the penalty is computed.
  public var samples: Int = 64
}

/// Settings of the PPO phase (proximal policy optimisation with generalised
/// advantage estimation), run alone or after imitation.
public struct PPOSettings: Equatable, Sendable {
  public var iterations = 10
  public var episodesPerIteration = 32
  /// Gradient updates on each iteration's episodes (each on a fresh batch of windows).
  public var updatesPerIteration = 24
  public var sequences = 8
  public var sequenceLength = 16
  /// ε of the clipped surrogate: the ratio π/π_old is clipped to [1 − ε, 1 + ε].
  public var clip = 0.2
  /// The discount γ and GAE's λ.
  public var gamma = 0.99
  public var gaeLambda = 0.95
  public var valueCoefficient = 0.5
  public var entropyCoefficient = 0.01
  /// The learning rate of this phase; nil for the optimizer's.
  public var learningRate: Double?
  /// Iterations at the start of the phase that train only the critic (the value
  /// loss), so that a critic left untrained by imitation does not steer the actor.
  public var criticWarmup = 0
}

/// A training run, read from a JSON file (see docs/training.md for every key).
public struct TrainingConfig: Sendable {
  public var file: String
  public var name: String
  public var seed: UInt64
  public var architecture: PolicyArchitecture
  /// Scenario files the training episodes come from.
  public var trainScenarios: [String]
  /// Imitation iterations (0 for PPO alone); iteration 0 follows the oracle only.
  public var iterations: Int
  public var episodesPerIteration: Int
  /// Gradient updates after each iteration's collection.
  public var updatesPerIteration: Int
  /// β of iteration i is `betaDecay^i`: the chance that the oracle, not the learner, acts.
  public var betaDecay: Double
  public var sequences: Int
  public var sequenceLength: Int
  public var learningRate: Double
  public var weightDecay: Double
  public var clipNorm: Double
  public var balance: BalanceMethod
  /// The PPO phase after imitation, if any.
  public var ppo: PPOSettings?
  /// A policy checkpoint whose weights training starts from (absolute path), instead
  /// of the seeded initialisation; its architecture must be the config's.
  public var initialWeights: String?
  /// Save a checkpoint after every this many iterations (and at the end).
  public var checkpointEvery: Int
  /// Episodes of the training scenarios at most (the rest are for validation).
  public var maxSteps: Int?

  /// The JSON text of the file, kept in checkpoints.
  public var text: String

  /// Reads and checks a config file.
  ///
  /// - Throws: `ScenarioError` naming the file and the key.
  public static func load(_ path: String) throws -> TrainingConfig {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ScenarioError(path: path, key: nil, message: "cannot read the file")
    }
    return try parse(data, path: path)
  }

  /// Reads a config from its text; `path` places relative paths and labels errors.
  public static func parse(_ data: Data, path: String) throws -> TrainingConfig {
    var r = try ObjectReader(path: path, data: data)
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent()

    let name = try r.string("name")
    guard !name.isEmpty, !name.contains("/"), !name.hasPrefix(".") else {
      throw r.error("name", "must be a plain file name (it names the default outputs)")
    }
    _ = try r.optionalString("description")
    let seed = UInt64(try r.integer("seed", in: 0...Int.max))
    let modalitiesName = try r.optionalString("modalities") ?? "fused"
    guard let modalities = Modalities(rawValue: modalitiesName) else {
      throw r.error("modalities", "must be fused, vision or audio, not \"\(modalitiesName)\"")
    }
    var architecture = PolicyArchitecture(modalities: modalities)
    architecture.memory = try r.optionalBool("memory") ?? true
    architecture.embedding = try r.optionalInteger("embedding", in: 1...4096) ?? 64
    architecture.hidden = try r.optionalInteger("hidden", in: 1...4096) ?? 128

    guard let train = try r.optionalArray("train"), !train.isEmpty else {
      throw r.error("train", "must list scenario files or suites")
    }
    var scenarios = [String]()
    for (k, value) in train.enumerated() {
      guard case .string(let relative) = value else {
        throw r.error("train[\(k)]", "must be a path")
      }
      let path = relative.hasPrefix("/")
        ? relative : folder.appendingPathComponent(relative).standardizedFileURL.path
      guard FileManager.default.fileExists(atPath: path) else {
        throw r.error("train[\(k)]", "no scenario or suite at \(path)")
      }
      let files = ScenarioLoader.scenarioFiles(in: [path])
      guard !files.isEmpty else {
        throw r.error("train[\(k)]", "no scenario files (*.json) in \(path)")
      }
      scenarios += files
    }

    var initialWeights: String? = nil
    if let relative = try r.optionalString("init") {
      let path = relative.hasPrefix("/")
        ? relative : folder.appendingPathComponent(relative).standardizedFileURL.path
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
        throw r.error("init", "no checkpoint at \(path)")
      }
      guard !isFolder.boolValue else {
        throw r.error("init", "\(path) is a folder, not a checkpoint")
      }
      initialWeights = path
    }
    var ppo: PPOSettings? = nil
    let imitates = r.has("imitation") || !r.has("ppo")
    if r.has("ppo") {
      ppo = try readPPO(&r, afterImitation: imitates || initialWeights != nil)
    }
    var imitation = try r.has("imitation") ? r.object("imitation") : nil
    let iterations = imitates
      ? try imitation?.optionalInteger("iterations", in: 1...10_000) ?? 4 : 0
    let episodes = try imitation?.optionalInteger("episodes_per_iteration", in: 1...100_000) ?? 32
    let updates = try imitation?.optionalInteger("updates_per_iteration", in: 1...1_000_000) ?? 50
    let betaDecay = try imitation?.optionalNumber("beta_decay", in: 0...1) ?? 0.5
    let sequences = try imitation?.optionalInteger("sequences", in: 1...4096) ?? 8
    let length = try imitation?.optionalInteger("sequence_length", in: 1...4096) ?? 16
    try imitation?.rejectUnknownKeys()

    var optimizer = try r.has("optimizer") ? r.object("optimizer") : nil
    let rate = try optimizer?.optionalNumber("learning_rate", in: 1e-8...1) ?? 3e-4
    let decay = try optimizer?.optionalNumber("weight_decay", in: 0...1) ?? 0
    let clip = try optimizer?.optionalNumber("clip_norm", in: 0...1e6) ?? 1
    try optimizer?.rejectUnknownKeys()

    let balance = try readBalance(&r, modalities: modalities)
    let every = try r.optionalInteger("checkpoint_every", in: 1...1_000_000) ?? 1
    let maxSteps = try r.optionalInteger("max_steps", in: 1...1_000_000)
    try r.rejectUnknownKeys()
    try architecture.validate()

    return TrainingConfig(
      file: path, name: name, seed: seed, architecture: architecture,
      trainScenarios: scenarios, iterations: iterations, episodesPerIteration: episodes,
      updatesPerIteration: updates, betaDecay: betaDecay, sequences: sequences,
      sequenceLength: length, learningRate: rate, weightDecay: decay, clipNorm: clip,
      balance: balance, ppo: ppo, initialWeights: initialWeights, checkpointEvery: every,
      maxSteps: maxSteps,
      text: String(decoding: data, as: UTF8.self))
  }

  /// Keys a resumed run may change: its description, how often it saves, and its
  /// budgets of iterations (a run may be extended).
  static let resumableChanges: Set<String> = [
    "description", "checkpoint_every", "imitation.iterations", "ppo.iterations",
  ]

  /// The first key, in sorted order, whose value differs between two configs' texts
  /// (`"ppo.gamma: 0.99 before, 0.9 now"`), or nil when they describe the same run.
  /// Paths (`train`, `init`) are compared by file name, since a config may move; the
  /// keys of `resumableChanges` are ignored.
  public static func difference(from before: String, to now: String) -> String? {
    guard let a = try? JSONValue.parse(Data(before.utf8)),
      let b = try? JSONValue.parse(Data(now.utf8))
    else { return before == now ? nil : "the config's text" }
    return difference(a, b, key: "")
  }

  private static func difference(_ a: JSONValue?, _ b: JSONValue?, key: String) -> String? {
    if resumableChanges.contains(key) { return nil }
    func show(_ v: JSONValue?) -> String {
      guard let v else { return "absent" }
      switch v {
      case .string(let text): return "\"\(text)\""
      case .int(let i): return "\(i)"
      case .double(let d): return "\(d)"
      case .bool(let f): return "\(f)"
      case .null: return "null"
      case .array(let items): return "a list of \(items.count)"
      case .object: return "an object"
      }
    }
    switch (a, b) {
    case (.object(let x)?, .object(let y)?):
      for k in Set(x.keys).union(y.keys).sorted() {
        if let d = difference(x[k], y[k], key: key.isEmpty ? k : "\(key).\(k)") { return d }
      }
      return nil
    case (.array(let x)?, .array(let y)?) where x.count == y.count:
      for (i, (u, v)) in zip(x, y).enumerated() {
        if let d = difference(u, v, key: "\(key)[\(i)]") { return d }
      }
      return nil
    case (.string(let x)?, .string(let y)?)
    where key == "init" || key.hasPrefix("train["):
      let name = { (path: String) in (path as NSString).lastPathComponent }
      return name(x) == name(y) ? nil : "\(key): \(show(a)) before, \(show(b)) now"
    default:
      if let x = a?.number, let y = b?.number, x == y { return nil }
      return a == b ? nil : "\(key): \(show(a)) before, \(show(b)) now"
    }
  }

  /// Iterations of both phases.
  public var totalIterations: Int { iterations + (ppo?.iterations ?? 0) }

  /// Gradient updates of both phases.
  public var totalUpdates: Int {
    iterations * updatesPerIteration + (ppo.map { $0.iterations * $0.updatesPerIteration } ?? 0)
  }

  private static func readPPO(
    _ r: inout ObjectReader, afterImitation: Bool
  ) throws -> PPOSettings {
    var p = try r.object("ppo")
    var s = PPOSettings()
    s.iterations = try p.optionalInteger("iterations", in: 1...100_000) ?? s.iterations
    s.episodesPerIteration =
      try p.optionalInteger("episodes_per_iteration", in: 1...100_000) ?? s.episodesPerIteration
    s.updatesPerIteration =
      try p.optionalInteger("updates_per_iteration", in: 1...1_000_000) ?? s.updatesPerIteration
    s.sequences = try p.optionalInteger("sequences", in: 1...4096) ?? s.sequences
    s.sequenceLength = try p.optionalInteger("sequence_length", in: 1...4096) ?? s.sequenceLength
    s.clip = try p.optionalNumber("clip", in: 0.001...10) ?? s.clip
    s.gamma = try p.optionalNumber("gamma", in: 0...1) ?? s.gamma
    s.gaeLambda = try p.optionalNumber("gae_lambda", in: 0...1) ?? s.gaeLambda
    s.valueCoefficient = try p.optionalNumber("value_coefficient", in: 0...1e6) ?? s.valueCoefficient
    s.entropyCoefficient =
      try p.optionalNumber("entropy_coefficient", in: 0...1e6) ?? s.entropyCoefficient
    s.learningRate = try p.optionalNumber("learning_rate", in: 1e-8...1)
    // By default one iteration warms the critic up after imitation, where there is one.
    s.criticWarmup = try p.optionalInteger("critic_warmup", in: 0...100_000)
      ?? (afterImitation ? min(1, s.iterations - 1) : 0)
    guard s.criticWarmup < s.iterations else {
      throw p.error("critic_warmup", "must be fewer than the PPO iterations (\(s.iterations))")
    }
    try p.rejectUnknownKeys()
    return s
  }

  private static func readBalance(
    _ r: inout ObjectReader, modalities: Modalities
  ) throws -> BalanceMethod {
    guard r.has("balance") else { _ = r.value("balance"); return .none }
    var b = try r.object("balance")
    let method = try b.string("method")
    let fused = modalities == .fused
    defer { }
    switch method {
    case "none":
      try b.rejectUnknownKeys()
      return .none
    case "dropout":
      guard fused else { throw b.error("method", "modality dropout needs a fused network") }
      let rate = try b.optionalNumber("rate", in: 0...1) ?? 0.3
      try b.rejectUnknownKeys()
      return .modalityDropout(rate: rate)
    case "ogm-ge":
      guard fused else { throw b.error("method", "gradient modulation needs a fused network") }
      let alpha = try b.optionalNumber("alpha", in: 0...100) ?? 0.5
      try b.rejectUnknownKeys()
      return .gradientModulation(alpha: alpha)
    case "regularizer":
      guard fused else { throw b.error("method", "the regularizer needs a fused network") }
      var s = RegularizerSettings()
      s.weight = try b.optionalNumber("lambda", in: 0...1e6) ?? s.weight
      if let d = try b.optionalString("divergence") {
        guard let divergence = ShareDivergence(rawValue: d) else {
          throw b.error("divergence", "must be l1, variance or kl, not \"\(d)\"")
        }
        s.divergence = divergence
      }
      if let target = try b.optionalArray("target_shares") {
        let values = target.compactMap { $0.number }.map { Float($0) }
        guard values.count == 2, values.allSatisfy({ $0 >= 0 }),
          abs(values.reduce(0, +) - 1) < 1e-4
        else { throw b.error("target_shares", "must be two shares (vision, audio) summing to 1") }
        s.targetShares = values
      }
      s.points = try b.optionalInteger("points", in: 1...256) ?? s.points
      let estimator = try b.optionalString("estimator") ?? "gauss_legendre"
      switch estimator {
      case "gauss_legendre": s.stochastic = false
      case "stochastic": s.stochastic = true
      default: throw b.error("estimator", "must be gauss_legendre or stochastic")
      }
      let space = try b.optionalString("space") ?? "embeddings"
      switch space {
      case "embeddings": s.space = .embeddings
      case "inputs": s.space = .inputs
      default: throw b.error("space", "must be embeddings or inputs, not \"\(space)\"")
      }
      s.netShares = try b.optionalBool("net_shares") ?? false
      s.samples = try b.optionalInteger("samples", in: 1...100_000) ?? s.samples
      try b.rejectUnknownKeys()
      return .regularizer(s)
    default:
      throw b.error("method", "must be none, regularizer, dropout or ogm-ge, not \"\(method)\"")
    }
  }
}
