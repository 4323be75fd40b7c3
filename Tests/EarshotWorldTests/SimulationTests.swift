import XCTest
@testable import EarshotWorld

final class SimulationTests: XCTestCase {
  /// A corridor: agent at column 1 facing east, goal at column 6.
  private func corridor(maxSteps: Int = 20, successDistance: Int = 1) throws -> Episode {
    let world = try MapParser.parse("map:\n########\n#>....1#\n########\n")
    let s = Scenario(
      name: "c", world: world, goal: SourceSpec(sound: "p", placement: .spawnPoint(1)),
      maxSteps: maxSteps, episodes: 1, seed: 0, successDistance: successDistance)
    return try Episode(scenario: s, index: 0)
  }

  func testDistancesAndRewards() throws {
    let e = try corridor()
    XCTAssertEqual(e.shortestPathLength, 4)  // to column 5, adjacent to the goal
    XCTAssertEqual(e.fewestActions, 5)
    var state = AgentState(start: e)
    XCTAssertEqual(state.step(.left, in: e), -0.01, accuracy: 1e-12)
    XCTAssertEqual(state.step(.right, in: e), -0.01, accuracy: 1e-12)
    XCTAssertEqual(state.step(.forward, in: e), 0.99, accuracy: 1e-12)
    for _ in 0..<3 { state.step(.forward, in: e) }
    // The goal blocks movement: a fifth forward stays put and earns nothing.
    XCTAssertEqual(state.step(.forward, in: e), -0.01, accuracy: 1e-12)
    XCTAssertEqual(state.pose.cell, GridPoint(column: 5, row: 1))
    XCTAssertEqual(state.step(.stop, in: e), 9.99, accuracy: 1e-12)
    XCTAssertTrue(state.done && state.success)
    let m = EpisodeMetrics(episode: e, final: state)
    XCTAssertEqual(m.spl, 1)
    XCTAssertEqual(m.sna, 5.0 / 8.0, accuracy: 1e-12)
  }

  func testStopOutsideTheRegionFailsAndTruncationEnds() throws {
    let e = try corridor(maxSteps: 3)
    var state = AgentState(start: e)
    state.step(.stop, in: e)
    XCTAssertTrue(state.done)
    XCTAssertFalse(state.success)
    var walker = AgentState(start: e)
    for _ in 0..<3 { walker.step(.forward, in: e) }
    XCTAssertTrue(walker.done)
    XCTAssertFalse(walker.success)
  }

  func testSuccessDistanceWidensTheRegion() throws {
    XCTAssertEqual(try corridor(successDistance: 3).shortestPathLength, 2)
  }

  func testOracleIsOptimalOnEveryShippedScenario() throws {
    let root = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let files = ScenarioLoader.scenarioFiles(in: [root.appendingPathComponent("scenarios").path])
    for file in files {
      let s = try ScenarioLoader.load(file)
      for i in 0..<min(s.episodes, 15) {
        let e = try Episode(scenario: s, index: i)
        let result = EpisodeRunner.play(e, policy: OraclePolicy())
        XCTAssertEqual(result.metrics.success, 1, "\(file) #\(i)")
        XCTAssertEqual(result.metrics.spl, 1, "\(file) #\(i)")
        XCTAssertEqual(result.metrics.sna, 1, "\(file) #\(i)")
        let (cells, actions) = lexicographicShortest(e)
        XCTAssertEqual(result.metrics.cellsTravelled, cells, "\(file) #\(i)")
        XCTAssertEqual(result.metrics.actions, actions + 1, "\(file) #\(i)")
      }
    }
  }

  /// An independent check: Dijkstra over poses with cost (cells, actions)
  /// compared lexicographically, by repeated linear scans.
  private func lexicographicShortest(_ e: Episode) -> (Int, Int) {
    let w = e.world
    let n = w.width * w.height * 4
    var cost = [(Int, Int)?](repeating: nil, count: n)
    var settled = [Bool](repeating: false, count: n)
    cost[e.stateIndex(e.start)] = (0, 0)
    while true {
      var best = -1
      for s in 0..<n where !settled[s] {
        if let c = cost[s], best < 0 || c < cost[best]! { best = s }
      }
      guard best >= 0 else { return (-1, -1) }
      settled[best] = true
      let pose = Pose(cell: w.cell(at: best / 4), heading: Heading(rawValue: best % 4)!)
      if e.distanceToRegion(pose.cell) == 0 { return cost[best]! }
      let (cells, actions) = cost[best]!
      var next = [(Pose(cell: pose.cell, heading: pose.heading.left), (cells, actions + 1)),
                  (Pose(cell: pose.cell, heading: pose.heading.right), (cells, actions + 1))]
      let ahead = pose.cell.moved(pose.heading)
      if w.contains(ahead) && e.passable[w.index(of: ahead)] {
        next.append((Pose(cell: ahead, heading: pose.heading), (cells + 1, actions + 1)))
      }
      for (p, c) in next {
        let s = e.stateIndex(p)
        if !settled[s], cost[s] == nil || c < cost[s]! { cost[s] = c }
      }
    }
  }

  func testEpisodesDependOnlyOnSeedAndIndex() throws {
    let root = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let s = try ScenarioLoader.load(
      root.appendingPathComponent("scenarios/test-heard/rooms_five.json").path)
    let a = try Episode(scenario: s, index: 4), b = try Episode(scenario: s, index: 4)
    XCTAssertEqual(a.start, b.start)
    XCTAssertEqual(a.goal, b.goal)
    XCTAssertEqual(a.distractors, b.distractors)
    let starts = try (0..<10).map { try Episode(scenario: s, index: $0).start }
    XCTAssertGreaterThan(Set(starts).count, 5, "random starts should vary by episode")
    var other = s
    other.seed += 1
    let c = try Episode(scenario: other, index: 4)
    XCTAssertTrue(c.start != a.start || c.goal != a.goal)
    // Random placements never block the goal and never stack.
    for i in 0..<30 {
      let e = try Episode(scenario: s, index: i)
      XCTAssertGreaterThan(e.shortestPathLength, 0)
      XCTAssertEqual(Set(e.sources.map { $0.cell }).count, e.sources.count)
      XCTAssertFalse(e.sources.contains { $0.cell == e.start.cell })
    }
  }

  func testResultsAreIdenticalWhateverTheWorkerCount() throws {
    let root = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let s = try ScenarioLoader.load(
      root.appendingPathComponent("scenarios/default/apartment_alarm.json").path)
    let episodes = try (0..<40).map { try Episode(scenario: s, index: $0) }
    let random: PolicyMaker = { RandomPolicy(seed: $0.seed, episode: $0.index) }
    let one = EpisodeRunner.run(episodes, workers: 1, makePolicy: random)
    for workers in [2, 3, 8] {
      let many = EpisodeRunner.run(episodes, workers: workers, makePolicy: random)
      XCTAssertEqual(one.map { $0.actions }, many.map { $0.actions })
      XCTAssertEqual(one.map { $0.metrics }, many.map { $0.metrics })
      XCTAssertEqual(one.map { $0.totalReward }, many.map { $0.totalReward })
    }

    var actionsRNG = SplitMix64(seed: 5)
    let script = (0..<60).map { _ in
      (0..<40).map { _ in Action(rawValue: 1 + actionsRNG.uniform(below: 3))! }
    }
    func roll(_ workers: Int) -> ([AgentState], [Double]) {
      var batch = BatchedEnvironment(episodes: episodes, workers: workers)
      var rewards = [Double](repeating: 0, count: 40), total = rewards
      for actions in script {
        batch.step(actions, rewards: &rewards)
        for i in 0..<40 { total[i] += rewards[i] }
      }
      return (batch.states, total)
    }
    let (states1, rewards1) = roll(1), (states2, rewards2) = roll(2)
    XCTAssertEqual(states1, states2)
    XCTAssertEqual(rewards1, rewards2)
  }
}
