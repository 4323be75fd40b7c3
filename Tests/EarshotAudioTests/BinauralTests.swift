import EarshotWorld
import XCTest

@testable import EarshotAudio

/// The two ears against closed forms: Woodworth's delay, head shadow, 1/r.
final class BinauralTests: XCTestCase {
  let map = openRoom()
  let centre = GridPoint(column: 11, row: 11)

  func testSourceDueWestIsLouderAndEarlierInTheLeftEar() throws {
    let e = try episode(map: map, at: GridPoint(column: 7, row: 11))
    let block = try listen(e)[1]
    let (left, right) = block.rms
    XCTAssertGreaterThanOrEqual(decibels(left) - decibels(right), 6)

    let head = HeadModel()
    let expected = -head.interauralTimeDifference(azimuth: -.pi / 2) * 16_000
    XCTAssertEqual(expected, 10.5, accuracy: 0.1, "Woodworth at 90° is about 0.66 ms")
    XCTAssertEqual(Double(interauralLag(block)), expected, accuracy: 1)
  }

  func testTurningAroundSwapsTheEars() throws {
    let e = try episode(map: map, at: GridPoint(column: 7, row: 11))
    let north = try listen(e, pose: Pose(cell: centre, heading: .north))[1]
    let south = try listen(e, pose: Pose(cell: centre, heading: .south))[1]
    XCTAssertEqual(decibels(north.rms.left), decibels(south.rms.right), accuracy: 0.05)
    XCTAssertEqual(decibels(north.rms.right), decibels(south.rms.left), accuracy: 0.05)
    XCTAssertEqual(interauralLag(north), -interauralLag(south))
    XCTAssertGreaterThan(interauralLag(north), 0)
  }

  func testDoublingTheDistanceLowersTheLevelBySixDecibels() throws {
    let near = try listen(try episode(map: map, at: GridPoint(column: 11, row: 9)))[1]
    let far = try listen(try episode(map: map, at: GridPoint(column: 11, row: 7)))[1]
    for (n, f) in [(near.rms.left, far.rms.left), (near.rms.right, far.rms.right)] {
      XCTAssertEqual(decibels(n) - decibels(f), 6.02, accuracy: 1)
    }
  }

  func testSourceAheadIsBalanced() throws {
    let block = try listen(try episode(map: map, at: GridPoint(column: 11, row: 8)))[1]
    XCTAssertEqual(decibels(block.rms.left), decibels(block.rms.right), accuracy: 0.01)
    XCTAssertEqual(interauralLag(block), 0)
  }

  func testSilentScenarioIsExactlySilent() throws {
    let quiet = SourceSpec(sound: "noise", placement: .cell(GridPoint(column: 3, row: 3)),
      gainDecibels: -.infinity)
    let e = try episode(
      map: map, at: GridPoint(column: 7, row: 11), gain: -.infinity, distractors: [quiet])
    let acoustics = AcousticSettings(backgroundNoiseDecibels: nil, reverberation: true)
    for block in try listen(e, steps: 4, acoustics: acoustics) {
      XCTAssertEqual(block.count, 4000)
      XCTAssertTrue(block.left.allSatisfy { $0 == 0 } && block.right.allSatisfy { $0 == 0 })
    }
  }

  func testBackgroundNoiseHasItsLevel() throws {
    let e = try episode(map: map, at: GridPoint(column: 7, row: 11), gain: -.infinity)
    let acoustics = AcousticSettings(backgroundNoiseDecibels: -40, reverberation: false)
    let block = try listen(e, steps: 1, acoustics: acoustics)[0]
    XCTAssertEqual(decibels(block.rms.left), -40, accuracy: 0.3)
    XCTAssertEqual(decibels(block.rms.right), -40, accuracy: 0.3)
  }
}
