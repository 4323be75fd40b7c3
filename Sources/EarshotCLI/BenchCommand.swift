import EarshotAutodiff
import EarshotLearning
import EarshotWorld
import Foundation

/// `earshot bench`: runs scenarios or suites headless and scores a policy.
struct BenchCommand: Command {
  let name = "bench"
  let summary = "run scenarios or suites headless and score a policy"
  let help = """
    usage: earshot bench PATH... [--policy oracle|random|FILE]... [--episodes N]
                         [--seed S] [--workers N] [--json FILE] [--csv FILE]
                         [--mask blank-frames|mute-audio|no-senses]

    Plays every episode of the scenarios named (a folder is a suite: all its
    *.json files) and prints success rate, SPL, SoftSPL, SNA, distance to
    goal and mean actions per scenario, then overall.

      --policy P     oracle (default), random, or a checkpoint file; repeat it
                     to compare policies: one table row each, and the JSON
                     file holds an array with one object per policy
      --episodes N   episodes per scenario, instead of the scenario's own
      --seed S       seed for every scenario, instead of the scenario's own
      --workers N    threads (default: the number of cores)
      --json FILE    the results as JSON (SPEC §7 fields)
      --csv FILE     one row per episode
      --mask M       blank-frames, mute-audio or no-senses (both): take senses
                     away from learned policies at test time, to see which
                     senses they rely on

    example:
      earshot bench scenarios/default --policy oracle --json results/oracle.json
    """

  func run(_ arguments: [String]) throws -> Int32 {
    let args = try Arguments(
      arguments, command: name,
      valued: ["--policy", "--episodes", "--seed", "--workers", "--json", "--csv", "--mask"],
      repeatable: ["--policy"])
    guard !args.positionals.isEmpty else {
      throw CLIError.usage("bench needs at least one scenario or suite; see 'earshot help bench'")
    }
    let episodeCount = try args.integer("--episodes", in: 1...10_000_000)
    let seed = try args.integer("--seed", in: 0...Int.max)
    let workers = try args.integer("--workers", in: 1...1024)
      ?? ProcessInfo.processInfo.activeProcessorCount
    let policyNames = args.strings("--policy").isEmpty ? ["oracle"] : args.strings("--policy")
    var outputs = [(option: String, path: String)]()
    for option in ["--json", "--csv"] {
      if let path = args.string(option) {
        try Inputs.checkOutputFile(path, option: option)
        outputs.append((option, path))
      }
    }
    try Inputs.checkDistinct(
      inputs: args.positionals.map { ("the scenario", $0) }
        + policyNames.filter { $0 != "oracle" && $0 != "random" }.map { ("--policy", $0) },
      outputs: outputs)

    let scenarios = try loadScenarios(args.positionals, episodes: episodeCount, seed: seed)
    let maskName = args.string("--mask") ?? "none"
    guard let mask = LearnedPolicy.SenseMask(rawValue: maskName) else {
      throw CLIError.usage(
        "--mask must be none, blank-frames, mute-audio or no-senses, not '\(maskName)'")
    }
    // Episodes already run in parallel; OpenBLAS threads on top would oversubscribe.
    if workers > 1 { BLAS.setThreadCount(1) }
    let choices = try policyNames.map {
      try PolicyChoice($0, scenarios: scenarios, masking: mask)
    }
    let episodes = try scenarios.map { s in
      try (0..<s.episodes).map { try Episode(scenario: s, index: $0) }
    }

    var reports = choices.map { choice in
      evaluate(choice, scenarios: scenarios, episodes: episodes, workers: workers)
    }
    for index in reports.indices { reports[index].mask = maskName }
    if reports.count == 1 {
      print(reports[0].table())
    } else {
      print(BenchReport.comparison(reports))
    }
    if let path = args.string("--json") {
      let json = reports.count == 1
        ? reports[0].jsonObject() : JSONText.array(reports.map { $0.jsonObject() })
      let text = json.rendered()
      try OutputFile.write(text + "\n", to: path)
    }
    if let path = args.string("--csv") {
      try OutputFile.write(BenchReport.csv(reports), to: path)
    }
    return 0
  }

  private func evaluate(
    _ choice: PolicyChoice, scenarios: [Scenario], episodes: [[Episode]], workers: Int
  ) -> BenchReport {
    let makePolicy = choice.maker
    let clock = ContinuousClock()
    let began = clock.now
    let results = EpisodeRunner.run(
      episodes.flatMap { $0 }, workers: workers, makePolicy: makePolicy)
    let elapsed = clock.now - began
    let seconds = Double(elapsed.components.seconds)
      + Double(elapsed.components.attoseconds) * 1e-18

    var perScenario = [[EpisodeResult]]()
    var offset = 0
    for list in episodes {
      perScenario.append(Array(results[offset..<(offset + list.count)]))
      offset += list.count
    }
    return BenchReport(
      policy: choice.name, scenarios: scenarios, results: perScenario, wallSeconds: seconds,
      workers: workers, balance: choice.modalityBalance)
  }

  private func loadScenarios(_ paths: [String], episodes: Int?, seed: Int?) throws -> [Scenario] {
    var files = [String]()
    for path in paths {
      guard FileManager.default.fileExists(atPath: path) else {
        throw CLIError.usage("\(path): no such file or folder")
      }
      files += ScenarioLoader.scenarioFiles(in: [path])
    }
    guard !files.isEmpty else { throw CLIError.usage("\(paths[0]): no scenario files (*.json)") }
    return try Inputs.scenarios(files).map { scenario in
      var s = scenario
      if let episodes { s.episodes = episodes }
      if let seed { s.seed = UInt64(seed) }
      return s
    }
  }
}
