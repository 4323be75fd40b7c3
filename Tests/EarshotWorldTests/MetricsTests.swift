import XCTest
@testable import EarshotWorld

final class MetricsTests: XCTestCase {
  func testHandComputedSuccess() {
    // d* = 4, walked 6 cells, 9 actions where 6 would do.
    let m = EpisodeMetrics(
      success: true, shortestPath: 4, cellsTravelled: 6, finalDistance: 0,
      fewestActions: 6, actions: 9)
    XCTAssertEqual(m.success, 1)
    XCTAssertEqual(m.spl, 4.0 / 6.0, accuracy: 1e-12)
    XCTAssertEqual(m.softSPL, 4.0 / 6.0, accuracy: 1e-12)
    XCTAssertEqual(m.sna, 6.0 / 9.0, accuracy: 1e-12)
    XCTAssertEqual(m.distanceToGoal, 0)
  }

  func testHandComputedFailure() {
    // Stopped 1 cell short of a region 4 cells away, having walked 3.
    let m = EpisodeMetrics(
      success: false, shortestPath: 4, cellsTravelled: 3, finalDistance: 1,
      fewestActions: 6, actions: 5)
    XCTAssertEqual(m.spl, 0)
    XCTAssertEqual(m.sna, 0)
    XCTAssertEqual(m.softSPL, 0.75, accuracy: 1e-12)  // (1 − 1/4) × 4/max(3, 4)
    // Walking away: progress clamps at 0.
    let away = EpisodeMetrics(
      success: false, shortestPath: 2, cellsTravelled: 5, finalDistance: 7,
      fewestActions: 3, actions: 9)
    XCTAssertEqual(away.softSPL, 0)
  }

  func testStartInsideTheRegionIsNeverNaN() {
    let still = EpisodeMetrics(
      success: true, shortestPath: 0, cellsTravelled: 0, finalDistance: 0,
      fewestActions: 1, actions: 1)
    XCTAssertEqual([still.spl, still.softSPL, still.sna], [1, 1, 1])
    let wander = EpisodeMetrics(
      success: true, shortestPath: 0, cellsTravelled: 2, finalDistance: 0,
      fewestActions: 1, actions: 5)
    XCTAssertEqual(wander.spl, 0)
    XCTAssertEqual(wander.softSPL, 0)
    XCTAssertEqual(wander.sna, 0.2, accuracy: 1e-12)
    let left = EpisodeMetrics(
      success: false, shortestPath: 0, cellsTravelled: 1, finalDistance: 1,
      fewestActions: 1, actions: 2)
    for x in [left.spl, left.softSPL, left.sna] { XCTAssertFalse(x.isNaN); XCTAssertEqual(x, 0) }
  }

  func testSummaryOfNothingIsZero() {
    let s = MetricsSummary([EpisodeMetrics]())
    XCTAssertEqual(s.episodes, 0)
    XCTAssertEqual(s.successRate, 0)
    XCTAssertFalse(s.spl.isNaN)
  }
}
