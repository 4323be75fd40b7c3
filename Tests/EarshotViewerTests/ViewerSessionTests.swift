import EarshotWorld
import XCTest
@testable import EarshotViewer

final class ViewerSessionTests: XCTestCase {
  func testKeyboardActionsFollowTheSimulation() throws {
    let session = try Fixtures.session()
    var expected = AgentState(start: session.episode)
    for action in [Action.left, .forward, .right, .forward, .forward] {
      let reward = expected.step(action, in: session.episode)
      try session.apply(.act(action))
      XCTAssertEqual(session.state, expected)
      XCTAssertEqual(session.lastReward, reward)
      XCTAssertEqual(session.lastAction, action)
    }
    XCTAssertEqual(session.trail.first, session.episode.start.cell)
    XCTAssertEqual(session.trail.last, session.state.pose.cell)
    XCTAssertEqual(session.observationCount, 6)
  }

  func testStopEndsTheEpisodeAndResetStartsAgain() throws {
    let session = try Fixtures.session()
    try session.apply(.act(.forward))
    try session.apply(.act(.stop))
    XCTAssertTrue(session.state.done)
    XCTAssertEqual(session.finished.count, 1)
    let stepsBefore = session.step
    try session.apply(.act(.forward))
    XCTAssertEqual(session.step, stepsBefore, "no step after the end")

    try session.apply(.reset)
    XCTAssertEqual(session.state, AgentState(start: session.episode))
    XCTAssertEqual(session.trail, [session.episode.start.cell])
    XCTAssertNil(session.lastAction)
    XCTAssertEqual(session.spectrograms.blocks.count, 1)
  }

  func testMovementKeysDoNothingWhileAPolicyDrives() throws {
    let session = try Fixtures.session(policy: { _ in OraclePolicy() }, name: "oracle")
    try session.apply(.act(.forward))
    XCTAssertEqual(session.step, 0)
    try session.apply(.stepOnce)
    XCTAssertEqual(session.step, 1)
    XCTAssertTrue(session.paused)
    XCTAssertNil(session.insight)
    XCTAssertFalse(session.explainsDecisions)
    XCTAssertEqual(InsightPanel.caption(for: session), "oracle: no network")
  }

  func testTheOracleSucceedsWithSPLOne() throws {
    let session = try Fixtures.session(policy: { _ in OraclePolicy() }, name: "oracle")
    while !session.state.done { session.policyStep() }
    XCTAssertTrue(session.state.success)
    XCTAssertEqual(session.metrics.spl, 1)
    try session.nextEpisode()
    XCTAssertEqual(session.episodeIndex, 6)
    XCTAssertEqual(session.step, 0)
  }

  func testAnExplainingPolicyHandsOverItsInsight() throws {
    let session = try Fixtures.session(
      policy: { _ in FakeExplainingPolicy() }, name: "fake network")
    XCTAssertTrue(session.explainsDecisions)
    XCTAssertEqual(InsightPanel.caption(for: session), "fake network: no decision yet")
    session.policyStep()
    XCTAssertEqual(session.insight?.actionProbabilities, FakeExplainingPolicy.probabilities)
    XCTAssertNil(InsightPanel.caption(for: session))
    let shares = try XCTUnwrap(InsightPanel.shares(XCTUnwrap(session.insight)))
    XCTAssertEqual(shares.vision, 0.25, accuracy: 1e-6)
    XCTAssertEqual(shares.audio, 0.75, accuracy: 1e-6)
  }

  func testSpeedPauseViewMuteAndHelp() throws {
    let session = try Fixtures.session(policy: { _ in OraclePolicy() }, name: "oracle")
    XCTAssertEqual(session.speed, 4)
    try session.apply(.faster)
    XCTAssertEqual(session.speed, 8)
    for _ in 0..<20 { try session.apply(.slower) }
    XCTAssertEqual(session.speed, ViewerSession.speeds.first)
    try session.apply(.togglePause)
    XCTAssertTrue(session.paused)
    try session.apply(.toggleView)
    XCTAssertEqual(session.viewMode, .partialMap)
    try session.apply(.toggleMute)
    XCTAssertTrue(session.muted)
    try session.apply(.toggleHelp)
    XCTAssertTrue(session.showsHelp)
  }

  func testIntermittentSourcesFallSilent() throws {
    let session = try Fixtures.session()
    XCTAssertTrue(session.isPlaying(source: 0), "the continuous goal always plays")
    XCTAssertTrue(session.isPlaying(source: 1), "the intermittent chirp plays at first")
    let length = try XCTUnwrap(session.soundActivity.audibleSamples[1])
    let lastStep = (length - 1) / session.soundActivity.blockLength
    XCTAssertTrue(session.soundActivity.isPlaying(source: 1, step: lastStep))
    XCTAssertFalse(session.soundActivity.isPlaying(source: 1, step: lastStep + 1))
  }

  func testSpectrogramHistoryScrollsLeft() throws {
    var history = SpectrogramHistory(capacity: 3, framesPerBlock: 2, rows: 1)
    // Blocks given at 2 pixels per frame, as `spectrogramImage` gives them at scale 2.
    for value in [UInt8(10), 20, 30, 40] {
      history.append(width: 4, height: 2, rgb: [UInt8](repeating: value, count: 4 * 2 * 3))
    }
    XCTAssertEqual(history.blocks.count, 3)
    let image = history.image()
    XCTAssertEqual(image.width, 6)
    XCTAssertEqual((0..<6).map { image.pixel(column: $0, row: 0).red }, [20, 20, 30, 30, 40, 40])
  }
}
