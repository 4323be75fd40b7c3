import EarshotWorld
import Foundation

/// The results of one `bench` run, as a table, JSON (SPEC §7) and CSV.
struct BenchReport {
  var policy: String
  var scenarios: [Scenario]
  /// Per scenario, its episodes' results in order.
  var results: [[EpisodeResult]]
  var wallSeconds: Double
  var workers: Int
  /// Mean |IG| shares and inter-modal variance over all steps, for fused networks.
  var balance: (shares: [String: Double], variance: Double, steps: Int)?
  /// The sense taken away at test time (`none`, `blank-frames`, `mute-audio`).
  var mask = "none"

  var overall: MetricsSummary { MetricsSummary(results.joined().map { $0.metrics }) }

  func table() -> String {
    var table = Table(header: [
      "scenario", "episodes", "success", "SPL", "SoftSPL", "SNA", "dist", "actions",
    ])
    func row(_ name: String, _ m: MetricsSummary) -> [String] {
      [name, "\(m.episodes)"] + [m.successRate, m.spl, m.softSPL, m.sna].map(f3)
        + [String(format: "%.2f", m.distanceToGoal), String(format: "%.1f", m.meanActions)]
    }
    for (s, r) in zip(scenarios, results) {
      table.rows.append(row(s.name, MetricsSummary(r.map { $0.metrics })))
    }
    table.rows.append(row("all", overall))
    let rate = Double(overall.steps) / max(wallSeconds, 1e-9)
    let shares = balance.map { b in
      String(
        format: "\nIntegrated Gradients over %d decisions: vision %.3f, audio %.3f; "
          + "inter-modal variance %.4f", b.steps, b.shares["vision"] ?? 0,
        b.shares["audio"] ?? 0, b.variance)
    } ?? ""
    return table.rendered() + shares + "\n" + String(
      format: "policy %@: %d steps in %.3f s (%.0f steps/s, %d workers)",
      policy, overall.steps, wallSeconds, rate, workers)
  }

  /// One row per report: the policies side by side over the same episodes.
  static func comparison(_ reports: [BenchReport]) -> String {
    var table = Table(header: [
      "policy", "episodes", "success", "SPL", "SoftSPL", "SNA", "dist", "actions", "vision",
      "audio", "var", "steps/s",
    ])
    for r in reports {
      let m = r.overall
      let shares = r.balance.map { b in
        [f3(b.shares["vision"] ?? 0), f3(b.shares["audio"] ?? 0),
         String(format: "%.4f", b.variance)]
      } ?? ["-", "-", "-"]
      table.rows.append(
        [(r.policy as NSString).lastPathComponent, "\(m.episodes)"]
          + [m.successRate, m.spl, m.softSPL, m.sna].map(f3)
          + [String(format: "%.2f", m.distanceToGoal), String(format: "%.1f", m.meanActions)]
          + shares + [String(format: "%.0f", Double(m.steps) / max(r.wallSeconds, 1e-9))])
    }
    return table.rendered()
  }

  func jsonObject() -> JSONText {
    let all = overall
    let scenarioObjects = zip(scenarios, results).map { s, r -> JSONText in
      let m = MetricsSummary(r.map { $0.metrics })
      return .object([
        ("name", .string(s.name)), ("file", .string(s.file)), ("episodes", .integer(m.episodes)),
        ("success_rate", .real(m.successRate)), ("spl", .real(m.spl)),
        ("soft_spl", .real(m.softSPL)), ("sna", .real(m.sna)),
        ("distance_to_goal", .real(m.distanceToGoal)),
      ])
    }
    return JSONText.object([
      ("earshot_version", .string(CLI.version)),
      ("policy", .string(policy)),
      ("episodes", .integer(all.episodes)),
      ("success_rate", .real(all.successRate)), ("spl", .real(all.spl)),
      ("soft_spl", .real(all.softSPL)), ("sna", .real(all.sna)),
      ("distance_to_goal", .real(all.distanceToGoal)),
      ("mean_actions", .real(all.meanActions)),
      ("steps", .integer(all.steps)),
      ("wall_seconds", .real(wallSeconds)),
      ("steps_per_second", .real(Double(all.steps) / max(wallSeconds, 1e-9))),
      ("workers", .integer(workers)),
      ("mask", .string(mask)),
      ("modality_shares", balance.map { b in
        .object(b.shares.keys.sorted().reversed().map { ($0, .real(b.shares[$0])) })
      } ?? .null),
      ("intermodal_variance", .real(balance?.variance)),
      ("scenarios", .array(scenarioObjects)),
    ])
  }

  /// One row per policy and episode.
  static func csv(_ reports: [BenchReport]) -> String {
    var lines = [
      "policy,scenario,file,episode,success,spl,soft_spl,sna,distance_to_goal,actions,cells"
    ]
    for report in reports {
      lines += report.csvRows()
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private func csvRows() -> [String] {
    var lines = [String]()
    for (s, r) in zip(scenarios, results) {
      for e in r {
        let m = e.metrics
        lines.append(
          [csvField(policy), csvField(s.name), csvField(s.file), "\(e.episode.index)",
           "\(Int(m.success))",
           "\(m.spl)", "\(m.softSPL)", "\(m.sna)", "\(Int(m.distanceToGoal))", "\(m.actions)",
           "\(m.cellsTravelled)"].joined(separator: ","))
      }
    }
    return lines
  }

  private func csvField(_ s: String) -> String {
    guard s.contains(",") || s.contains("\"") else { return s }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}

private func f3(_ x: Double) -> String { String(format: "%.3f", x) }
