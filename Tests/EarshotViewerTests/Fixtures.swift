import EarshotLearning
import EarshotWorld
import Foundation
@testable import EarshotViewer

/// The apartment scenario with synthesised clips, so that no prepared sound files are
/// needed, and sessions on it.
enum Fixtures {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func scenario() throws -> Scenario {
    var scenario = try ScenarioLoader.load(
      root.appendingPathComponent("scenarios/default/apartment_alarm.json").path)
    scenario.goal.sound = "hum"
    scenario.distractors[0].sound = "chirp"
    scenario.distractors[0].mode = .intermittent
    return scenario
  }

  static func session(policy: PolicyMaker? = nil, name: String = "keyboard", episode: Int = 5)
    throws -> ViewerSession
  {
    try ViewerSession(
      scenario: try scenario(), episodeIndex: episode, suite: try SensorSuite(assetsFolder: nil),
      policy: policy, policyName: name)
  }
}

/// A stand-in for a learned policy: the oracle's actions with fixed, made-up insight.
struct FakeExplainingPolicy: ExplainingPolicy {
  static let probabilities: [Float] = [0.1, 0.6, 0.2, 0.1]
  static let shares: [String: Float] = ["vision": 0.25, "audio": 0.75]

  var lastInsight: DecisionInsight?

  mutating func action(in episode: Episode, state: AgentState) -> Action {
    lastInsight = DecisionInsight(
      actionProbabilities: FakeExplainingPolicy.probabilities,
      modalityShares: FakeExplainingPolicy.shares)
    return OraclePolicy().action(in: episode, state: state)
  }
}
