/// The scores of one finished episode (SPEC §5).
///
/// - `success`: 1 for a successful `stop`.
/// - `spl`: success × d* / max(p, d*), d* the shortest path to the success
///   region in cells, p the cells travelled.
/// - `softSPL`: (1 − d_T / d_0) × d* / max(p, d*), progress clamped to [0, 1].
/// - `sna`: success × a* / max(a, a*), a* the fewest actions that succeed.
/// - `distanceToGoal`: d_T, cells from the final cell to the success region.
///
/// Where d* = 0 the path term is 1 when p = 0 and 0 otherwise, and the
/// progress term is 1 when d_T = 0 and 0 otherwise: no score is ever NaN.
public struct EpisodeMetrics: Hashable, Sendable {
  public var success: Double
  public var spl: Double
  public var softSPL: Double
  public var sna: Double
  public var distanceToGoal: Double
  /// Actions taken, `stop` included.
  public var actions: Int
  /// Cells travelled.
  public var cellsTravelled: Int

  /// Scores an episode from its raw counts.
  ///
  /// - Parameters:
  ///   - shortestPath: d*, in cells.
  ///   - finalDistance: d_T, in cells; pass the start distance for an
  ///     unreachable end (cannot happen in a connected episode).
  ///   - fewestActions: a*, `stop` included.
  public init(
    success: Bool, shortestPath: Int, cellsTravelled: Int, finalDistance: Int,
    fewestActions: Int, actions: Int
  ) {
    let pathTerm: Double = shortestPath == 0
      ? (cellsTravelled == 0 ? 1 : 0)
      : Double(shortestPath) / Double(max(cellsTravelled, shortestPath))
    let progress: Double = shortestPath == 0
      ? (finalDistance == 0 ? 1 : 0)
      : min(1, max(0, 1 - Double(finalDistance) / Double(shortestPath)))
    let actionTerm = Double(fewestActions) / Double(max(actions, fewestActions, 1))

    self.success = success ? 1 : 0
    self.spl = success ? pathTerm : 0
    self.softSPL = progress * pathTerm
    self.sna = success ? actionTerm : 0
    self.distanceToGoal = Double(finalDistance)
    self.actions = actions
    self.cellsTravelled = cellsTravelled
  }

  /// Scores the end state of `episode`.
  public init(episode: Episode, final state: AgentState) {
    self.init(
      success: state.success, shortestPath: episode.shortestPathLength,
      cellsTravelled: state.cellsTravelled,
      finalDistance: max(0, episode.distanceToRegion(state.pose.cell)),
      fewestActions: episode.fewestActions, actions: state.actions)
  }
}

/// Means of episode scores.
public struct MetricsSummary: Hashable, Sendable {
  public var episodes: Int
  public var successRate: Double
  public var spl: Double
  public var softSPL: Double
  public var sna: Double
  public var distanceToGoal: Double
  public var meanActions: Double
  /// Total actions over all episodes.
  public var steps: Int

  /// The means of `metrics`; all zero for no episodes.
  public init<C: Collection>(_ metrics: C) where C.Element == EpisodeMetrics {
    let n = Double(max(metrics.count, 1))
    func mean(_ f: (EpisodeMetrics) -> Double) -> Double { metrics.reduce(0) { $0 + f($1) } / n }
    episodes = metrics.count
    successRate = mean { $0.success }
    spl = mean { $0.spl }
    softSPL = mean { $0.softSPL }
    sna = mean { $0.sna }
    distanceToGoal = mean { $0.distanceToGoal }
    meanActions = mean { Double($0.actions) }
    steps = metrics.reduce(0) { $0 + $1.actions }
  }
}
