/// A sound source placed in a cell for one episode.
public struct PlacedSource: Hashable, Sendable {
  public var spec: SourceSpec
  public var cell: GridPoint
  public var isGoal: Bool
}

/// One episode of a scenario: where everything stands, and the distances that
/// score it, computed once when the episode is set up.
///
/// Draws come from `SplitMix64(seed: scenario.seed, stream: index)` in a fixed
/// order: the goal, the distractors, then the agent's start.
public struct Episode: Sendable {
  public let scenarioName: String
  /// The scenario's file, as it was named.
  public let scenarioFile: String
  /// The scenario's seed, after any override.
  public let seed: UInt64
  /// The episode's index within its scenario.
  public let index: Int
  public let world: World
  public let start: Pose
  public let goal: PlacedSource
  public let distractors: [PlacedSource]
  public let maxSteps: Int
  public let successDistance: Int
  /// Row-major: open floor without a source on it.
  public let passable: [Bool]
  /// Row-major: shortest-path cells to the success region, −1 where unreachable.
  public let regionDistance: [Int32]
  /// Per state `cell index × 4 + heading`: the fewest actions, `stop` excluded,
  /// that reach the success region along a shortest path in cells; −1 where none.
  public let actionsToRegion: [Int32]

  /// All sources, the goal first.
  public var sources: [PlacedSource] { [goal] + distractors }

  /// d*: shortest path in cells from the start to the success region.
  public var shortestPathLength: Int { Int(regionDistance[world.index(of: start.cell)]) }

  /// a*: the fewest actions, the final `stop` included, that succeed.
  ///
  /// Counted over paths of shortest length in cells, so that one policy (the
  /// oracle) can reach both SPL = 1 and SNA = 1.
  public var fewestActions: Int { Int(actionsToRegion[stateIndex(start)]) + 1 }

  /// Shortest-path cells from `cell` to the success region, −1 where unreachable.
  @inlinable
  public func distanceToRegion(_ cell: GridPoint) -> Int {
    world.contains(cell) ? Int(regionDistance[world.index(of: cell)]) : -1
  }

  /// The index of a pose in `actionsToRegion`.
  @inlinable
  public func stateIndex(_ pose: Pose) -> Int {
    world.index(of: pose.cell) * 4 + pose.heading.rawValue
  }

  /// Sets up episode `index` of `scenario`.
  ///
  /// - Throws: `ScenarioError` when the goal cannot be reached or no cell is
  ///   free for a random placement.
  public init(scenario: Scenario, index: Int) throws {
    let world = scenario.world
    var rng = SplitMix64(seed: scenario.seed, stream: UInt64(index))
    let error = { (key: String, message: String) in
      ScenarioError(path: scenario.file, key: key, message: message)
    }

    var occupied = Set<GridPoint>()
    func fixedCell(_ placement: Placement) -> GridPoint? {
      switch placement {
      case .spawnPoint(let digit): return world.spawnPoints[digit]
      case .cell(let cell): return cell
      case .random: return nil
      }
    }
    for spec in [scenario.goal] + scenario.distractors {
      if let cell = fixedCell(spec.placement) { occupied.insert(cell) }
    }
    let fixedStart: Pose? = scenario.start == .map ? world.agentStart : nil
    if scenario.start == .map && fixedStart == nil {
      throw error("start", "the map has no agent start (^ > v <); use \"random\"")
    }
    if let s = fixedStart { occupied.insert(s.cell) }
    let free = (0..<(world.width * world.height)).filter {
      world.openCells[$0] && !occupied.contains(world.cell(at: $0))
    }

    func passableGrid(_ sources: [GridPoint]) -> [Bool] {
      var grid = world.openCells
      for s in sources { grid[world.index(of: s)] = false }
      return grid
    }
    func regionDistances(goal: GridPoint, sources: [GridPoint]) -> [Int32] {
      let grid = passableGrid(sources)
      let fromGoal = DistanceField.distances(
        from: [world.index(of: goal)], passable: grid, width: world.width, height: world.height)
      return fromGoal.enumerated().map { i, d in
        d < 0 || !grid[i] ? -1 : max(0, d - Int32(scenario.successDistance))
      }
    }
    let fixedSources = Array(occupied.subtracting(fixedStart.map { [$0.cell] } ?? []))

    // The goal.
    let goalCell: GridPoint
    if let cell = fixedCell(scenario.goal.placement) {
      goalCell = cell
    } else if let s = fixedStart {
      let d = DistanceField.distances(
        from: [world.index(of: s.cell)], passable: passableGrid(fixedSources),
        width: world.width, height: world.height)
      let reachable = free.filter { d[$0] > 0 }
      let far = reachable.filter { d[$0] > Int32(scenario.successDistance) }
      let pool = far.isEmpty ? reachable : far
      guard !pool.isEmpty else { throw error("goal.at", "no free cell reachable from the start") }
      goalCell = world.cell(at: pool[rng.uniform(below: pool.count)])
    } else {
      guard !free.isEmpty else { throw error("goal.at", "no free cell for the goal") }
      goalCell = world.cell(at: free[rng.uniform(below: free.count)])
    }
    occupied.insert(goalCell)

    // The distractors, each where it keeps the goal reachable.
    var sourceCells = fixedSources + (fixedSources.contains(goalCell) ? [] : [goalCell])
    var distractorCells = [GridPoint]()
    for (k, spec) in scenario.distractors.enumerated() {
      if let cell = fixedCell(spec.placement) { distractorCells.append(cell); continue }
      var pool = free.filter { !occupied.contains(world.cell(at: $0)) }
      var chosen: GridPoint?
      while !pool.isEmpty {
        let pick = rng.uniform(below: pool.count)
        let cell = world.cell(at: pool[pick])
        pool.swapAt(pick, pool.count - 1)
        pool.removeLast()
        let region = regionDistances(goal: goalCell, sources: sourceCells + [cell])
        let ok = fixedStart.map { region[world.index(of: $0.cell)] >= 0 }
          ?? region.contains(where: { $0 >= 0 })
        if ok { chosen = cell; break }
      }
      guard let cell = chosen else {
        throw error("distractors[\(k)].at", "no free cell keeps the goal reachable")
      }
      occupied.insert(cell)
      sourceCells.append(cell)
      distractorCells.append(cell)
    }

    // The start.
    let region = regionDistances(goal: goalCell, sources: sourceCells)
    let start: Pose
    if let s = fixedStart {
      guard region[world.index(of: s.cell)] >= 0 else {
        throw error("goal.at", "the goal at \(goalCell) cannot be reached from the start \(s.cell)")
      }
      start = s
    } else {
      let candidates = free.filter { !occupied.contains(world.cell(at: $0)) && region[$0] >= 0 }
      let away = candidates.filter { region[$0] > 0 }
      let pool = away.isEmpty ? candidates : away
      guard !pool.isEmpty else {
        throw error("start", "no free cell from which the goal is reachable")
      }
      let cell = world.cell(at: pool[rng.uniform(below: pool.count)])
      start = Pose(cell: cell, heading: Heading(rawValue: rng.uniform(below: 4))!)
    }

    self.scenarioName = scenario.name
    self.scenarioFile = scenario.file
    self.seed = scenario.seed
    self.index = index
    self.world = world
    self.start = start
    self.goal = PlacedSource(spec: scenario.goal, cell: goalCell, isGoal: true)
    self.distractors = zip(scenario.distractors, distractorCells).map {
      PlacedSource(spec: $0, cell: $1, isGoal: false)
    }
    self.maxSteps = scenario.maxSteps
    self.successDistance = scenario.successDistance
    self.passable = passableGrid(sourceCells)
    self.regionDistance = region
    self.actionsToRegion = Episode.actionDistances(
      region: region, passable: passable, width: world.width, height: world.height)
  }

  /// Reverse breadth-first search over poses, keeping only forward moves that
  /// shorten the distance to the region by one cell (so paths stay shortest in cells).
  static func actionDistances(
    region: [Int32], passable: [Bool], width: Int, height: Int
  ) -> [Int32] {
    var actions = Array(repeating: Int32(-1), count: region.count * 4)
    var queue = [Int]()
    for (i, d) in region.enumerated() where d == 0 {
      for h in 0..<4 { actions[i * 4 + h] = 0; queue.append(i * 4 + h) }
    }
    var head = 0
    while head < queue.count {
      let state = queue[head]
      head += 1
      let cell = state >> 2, heading = Heading(rawValue: state & 3)!
      let next = actions[state] + 1
      // Turning left from `heading.right`, or right from `heading.left`, gives `heading`.
      for before in [heading.right, heading.left] {
        let s = cell * 4 + before.rawValue
        if actions[s] < 0 { actions[s] = next; queue.append(s) }
      }
      // A forward move from the cell behind, facing the same way.
      let x = cell % width - heading.dx, y = cell / width - heading.dy
      guard x >= 0, y >= 0, x < width, y < height else { continue }
      let behind = y * width + x
      guard passable[behind], region[behind] == region[cell] + 1 else { continue }
      let s = behind * 4 + heading.rawValue
      if actions[s] < 0 { actions[s] = next; queue.append(s) }
    }
    return actions
  }
}
