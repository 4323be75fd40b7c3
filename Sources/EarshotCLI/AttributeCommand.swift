import EarshotAttribution
import EarshotAutodiff
import EarshotLearning
import EarshotWorld
import Foundation

/// `earshot attribute`: Integrated Gradients of a learned policy's decisions.
struct AttributeCommand: Command {
  let name = "attribute"
  let summary = "Integrated-Gradients modality shares of a policy's decisions"
  let help = """
    usage: earshot attribute CHECKPOINT PATH... [--episodes N] [--points K] [--method M]
                             [--space embeddings|inputs] [--target ACTION] [--seed S]
                             [--workers N] [--json FILE]

    Plays the scenarios (a folder is a suite) with the policy and, at every
    step, attributes the logit of the action taken (or of --target) to the
    senses with Integrated Gradients from a zero baseline. Prints the mean
    |IG| share of vision and audio, the mean net share (|Σ a| per sense, which
    opposite signs inside a sense can shrink), the inter-modal contribution
    variance (1/M) Σ (s_m − 1/M)², and the completeness error.

      --episodes N   episodes per scenario (default 5)
      --points K     path points (default 16)
      --method M     riemann_left, riemann_right, riemann_middle,
                     riemann_trapezoid or gauss_legendre (default)
      --space S      embeddings (what enters the fusion layer; default) or inputs
      --target A     attribute action A (0 stop, 1 forward, 2 left, 3 right)
      --seed S       the scenarios' seed instead of their own
      --workers N    threads (default: the number of cores)
      --json FILE    checkpoint, samples, method, points, modality_shares,
                     intermodal_variance, completeness_error {mean, max}

    example:
      earshot attribute assets/policies/fused.safetensors scenarios/test-heard --episodes 10
    """

  func run(_ arguments: [String]) throws -> Int32 {
    let args = try Arguments(
      arguments, command: name,
      valued: ["--episodes", "--points", "--method", "--space", "--target", "--seed",
               "--workers", "--json"])
    guard args.positionals.count >= 2 else {
      throw CLIError.usage("attribute needs a CHECKPOINT and a scenario or suite")
    }
    let checkpoint = args.positionals[0]
    let episodes = try args.integer("--episodes", in: 1...1_000_000) ?? 5
    let points = try args.integer("--points", in: Int.min...Int.max) ?? 16
    guard (1...1024).contains(points) else {
      throw CLIError.usage("--points must be in 1...1024, not \(points)")
    }
    if let path = args.string("--json") { try Inputs.checkOutputFile(path, option: "--json") }
    let method = args.string("--method") ?? "gauss_legendre"
    let rule: IntegrationRule
    let ig: IntegratedGradients
    do {
      rule = try IntegrationRule(parsing: method)
      ig = try IntegratedGradients(rule: rule, points: points)
    } catch {
      throw CLIError.usage("\(error)")
    }
    let space: AttributionSpace
    switch args.string("--space") ?? "embeddings" {
    case "embeddings": space = .embeddings
    case "inputs": space = .inputs
    case let other: throw CLIError.usage("--space must be embeddings or inputs, not '\(other)'")
    }
    let target = try args.integer("--target", in: Int.min...Int.max)
    if let target, !(0..<4).contains(target) {
      throw CLIError.usage("--target must be an action index 0...3, not \(target)")
    }
    let seed = try args.integer("--seed", in: 0...Int.max)
    let workers = try args.integer("--workers", in: 1...1024)
      ?? ProcessInfo.processInfo.activeProcessorCount

    let scenarios = try ScenarioLoader.scenarioFiles(in: args.positionals.dropFirst().map {
      guard FileManager.default.fileExists(atPath: $0) else {
        throw CLIError.usage("\($0): no such file or folder")
      }
      return $0
    }).map { file -> Scenario in
      var s = try Inputs.scenarios([file])[0]
      s.episodes = episodes
      if let seed { s.seed = UInt64(seed) }
      return s
    }
    guard FileManager.default.fileExists(atPath: checkpoint) else {
      throw CLIError.usage("\(checkpoint): no such checkpoint")
    }
    if workers > 1 { BLAS.setThreadCount(1) }
    let choice = try PolicyChoice(checkpoint, scenarios: scenarios)
    guard let network = choice.network else {
      throw CLIError.usage("\(checkpoint): not a policy checkpoint")
    }
    choice.explanation = Explanation(integratedGradients: ig, space: space, targetAction: target)

    let all = try scenarios.flatMap { s in
      try (0..<s.episodes).map { try Episode(scenario: s, index: $0) }
    }
    _ = EpisodeRunner.run(all, workers: workers, makePolicy: choice.maker)
    let attributions = choice.attributions
    let shares = ModalityShares(combining: attributions.map { $0.shares })
    let completeness = attributions.flatMap { $0.completenessError }
    // Shares over both senses; a sense the network lacks has share 0.
    let present = network.architecture.modalities.names
    func bothSenses(_ values: [Float]?) -> [Double]? {
      values.map { v in
        Modalities.fused.names.map { present.firstIndex(of: $0).map { Double(v[$0]) } ?? 0 }
      }
    }
    let mean = bothSenses(shares.mean), net = bothSenses(shares.netMean)
    let perDecision = choice.sharesOfBothSenses
    let variance: Double? = perDecision.isEmpty ? nil : perDecision.reduce(0) { total, s in
      total + ((s[0] - 0.5) * (s[0] - 0.5) + (s[1] - 0.5) * (s[1] - 0.5)) / 2
    } / Double(perDecision.count)
    let meanCompleteness: Double? = completeness.isEmpty
      ? nil : Double(completeness.reduce(0, +)) / Double(completeness.count)

    var table = Table(header: ["measure", "vision", "audio"])
    let f3 = { (x: Double) in String(format: "%.3f", x) }
    if let mean { table.rows.append(["|IG| share"] + mean.map(f3)) }
    if let net { table.rows.append(["net share"] + net.map(f3)) }
    print(table.rendered())
    print(String(
      format: "%d decisions (%d without attribution), %@ with %d points at the %@; "
        + "inter-modal variance %.4f; completeness error mean %.2e, max %.2e",
      shares.includedCount, shares.excludedCount, rule.rawValue, points,
      space == .embeddings ? "embeddings" : "inputs", variance ?? Double.nan,
      meanCompleteness ?? 0, Double(completeness.max() ?? 0)))

    if let path = args.string("--json") {
      let json = JSONText.object([
        ("checkpoint", .string(checkpoint)),
        ("samples", .integer(shares.includedCount)),
        ("excluded_samples", .integer(shares.excludedCount)),
        ("method", .string(rule.rawValue)),
        ("points", .integer(points)),
        ("space", .string(space == .embeddings ? "embeddings" : "inputs")),
        ("modality_shares", .object(
          Modalities.fused.names.enumerated().map { ($1, .real(mean?[$0])) })),
        ("net_shares", .object(
          Modalities.fused.names.enumerated().map { ($1, .real(net?[$0])) })),
        ("intermodal_variance", .real(variance)),
        ("completeness_error", .object([
          ("mean", .real(meanCompleteness)),
          ("max", .real(completeness.max().map(Double.init))),
        ])),
      ])
      try OutputFile.write(json.rendered() + "\n", to: path)
    }
    return 0
  }
}
