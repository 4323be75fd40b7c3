import EarshotAudio
import EarshotAutodiff
import XCTest

@testable import EarshotLearning
@testable import EarshotWorld

/// A learned policy's decisions under each sense mask, against the network run by hand
/// on observations masked here.
final class LearnedPolicyTests: XCTestCase {
  func testMasksBlankFramesMuteAudioOrBoth() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let scenario = try ScenarioLoader.load(TrainingTests.corridor(in: folder))
    let suite = try SensorSuite(
      assetsFolder: ClipLibrary.findAssetsFolder(from: TrainingTests.root.path))
    var architecture = PolicyArchitecture(modalities: .fused)
    (architecture.embedding, architecture.hidden, architecture.memory) = (8, 16, false)
    let network = try PolicyNetwork(architecture, seed: 4)
    let episode = try Episode(scenario: scenario, index: 0)
    let state = AgentState(start: episode)

    func probabilities(_ mask: LearnedPolicy.SenseMask) throws -> [Float] {
      let policy = LearnedPolicy(
        network: network, sensors: try suite.sensors(for: episode, of: scenario),
        masking: mask)
      policy.explanation = nil
      _ = policy.action(in: episode, state: state)
      return try XCTUnwrap(policy.lastInsight).actionProbabilities
    }
    func byHand(blank: Bool, mute: Bool) throws -> [Float] {
      let sensors = try suite.sensors(for: episode, of: scenario)
      var observation = sensors.observe(state)
      if blank { observation.frame.rgb = observation.frame.rgb.map { _ in 0 } }
      if mute { observation.spectrogram = observation.spectrogram.map { _ in -100 } }
      let (logits, _) = try withGradientRecording(false) {
        try network.step(observations: [observation], hidden: network.initialState(batch: 1))
      }
      return try logits.softmax().scalars
    }

    let cases: [(LearnedPolicy.SenseMask, Bool, Bool)] = [
      (.none, false, false), (.blankFrames, true, false), (.muteAudio, false, true),
      (.noSenses, true, true),
    ]
    var seen = [[Float]]()
    for (mask, blank, mute) in cases {
      let p = try probabilities(mask)
      let expected = try byHand(blank: blank, mute: mute)
      for (a, b) in zip(p, expected) { XCTAssertEqual(a, b, accuracy: 1e-6, "\(mask)") }
      seen.append(p)
    }
    // Each mask changes what the network decides from.
    for i in seen.indices {
      for j in seen.indices where j > i { XCTAssertNotEqual(seen[i], seen[j], "\(i) \(j)") }
    }
    XCTAssertEqual(AudioSettings().spectrogramFloorDecibels, -100)
  }
}
