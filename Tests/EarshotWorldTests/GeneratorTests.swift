import XCTest
@testable import EarshotWorld

final class GeneratorTests: XCTestCase {
  func testRoomsAreConnectedDeterministicAndSplit() {
    for seed in 0..<40 as Range<UInt64> {
      let g = RoomsGenerator(width: 21, height: 17, rooms: 5, seed: seed)
      let world = g.generate()
      XCTAssertTrue(Connectivity.isConnected(world), "seed \(seed)")
      XCTAssertEqual(world.tiles, g.generate().tiles, "seed \(seed) is not deterministic")
      let doors = world.tiles.filter { $0 == .doorway }.count
      XCTAssertEqual(doors, 4, "five rooms need four doorways (seed \(seed))")
      XCTAssertEqual(world.spawnPoints.count, 4)
      XCTAssertNotNil(world.agentStart)
      for cell in world.spawnPoints.values { XCTAssertTrue(world.isOpen(cell)) }
    }
    let a = RoomsGenerator(width: 21, height: 17, rooms: 5, seed: 1).generate()
    let b = RoomsGenerator(width: 21, height: 17, rooms: 5, seed: 2).generate()
    XCTAssertNotEqual(a.tiles, b.tiles)
  }

  func testRoomsStopWhenNoRoomFits() {
    let world = RoomsGenerator(width: 7, height: 7, rooms: 10, seed: 3).generate()
    XCTAssertTrue(Connectivity.isConnected(world))
    XCTAssertEqual(world.tiles.filter { $0 == .doorway }.count, 0)
  }

  func testMazeIsPerfectConnectedAndDeterministic() {
    for seed in 0..<20 as Range<UInt64> {
      let g = MazeGenerator(width: 41, height: 41, seed: seed)
      let world = g.generate()
      XCTAssertTrue(Connectivity.isConnected(world))
      XCTAssertEqual(world.tiles, g.generate().tiles)
      // A perfect maze is a tree: open cells = open adjacencies + 1.
      var edges = 0
      for i in world.openCells.indices where world.openCells[i] {
        let c = world.cell(at: i)
        if world.isOpen(c.moved(.east)) { edges += 1 }
        if world.isOpen(c.moved(.south)) { edges += 1 }
      }
      XCTAssertEqual(world.openCellCount, edges + 1, "seed \(seed)")
      XCTAssertEqual(world.openCellCount, 20 * 20 * 2 - 1)
    }
  }

  func testMazeLoopsAddCycles() {
    let perfect = MazeGenerator(width: 31, height: 31, seed: 4).generate()
    let loopy = MazeGenerator(width: 31, height: 31, seed: 4, loops: 0.3).generate()
    XCTAssertGreaterThan(loopy.openCellCount, perfect.openCellCount)
    XCTAssertTrue(Connectivity.isConnected(loopy))
  }

  func testSplitMixUniformIsInRangeAndStable() {
    var rng = SplitMix64(seed: 42)
    var counts = [Int](repeating: 0, count: 7)
    for _ in 0..<7000 { counts[rng.uniform(below: 7)] += 1 }
    XCTAssertTrue(counts.allSatisfy { $0 > 850 && $0 < 1150 }, "\(counts)")
    var a = SplitMix64(seed: 9, stream: 3), b = SplitMix64(seed: 9, stream: 3)
    var c = SplitMix64(seed: 9, stream: 4)
    let x = a.next()
    XCTAssertEqual(x, b.next())
    XCTAssertNotEqual(x, c.next())
  }
}
