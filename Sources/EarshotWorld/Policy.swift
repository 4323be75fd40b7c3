/// Something that chooses an agent's actions, one episode at a time.
///
/// A policy is made fresh for each episode (see `PolicyMaker`), so it may
/// keep state across the steps of that episode (a memory, a random stream).
public protocol NavigationPolicy {
  /// The next action for the agent in `state`.
  mutating func action(in episode: Episode, state: AgentState) -> Action
}

/// Makes the policy for one episode; called once per episode, from any worker thread.
public typealias PolicyMaker = @Sendable (Episode) -> any NavigationPolicy

/// The shortest path over cell and heading, then `stop`: SPL = SNA = 1 on
/// every episode whose goal can be reached.
///
/// Among the moves that keep the path shortest, `forward` is preferred, then
/// `left`, then `right`. It sees the whole map; it is a reference, not a learner.
public struct OraclePolicy: NavigationPolicy {
  public init() {}

  public func action(in episode: Episode, state: AgentState) -> Action {
    let pose = state.pose
    guard episode.distanceToRegion(pose.cell) > 0 else { return .stop }
    let remaining = episode.actionsToRegion[episode.stateIndex(pose)]
    guard remaining > 0 else { return .stop }

    let ahead = pose.cell.moved(pose.heading)
    if episode.world.contains(ahead), episode.passable[episode.world.index(of: ahead)],
      episode.actionsToRegion[episode.stateIndex(Pose(cell: ahead, heading: pose.heading))]
        == remaining - 1,
      episode.distanceToRegion(ahead) == episode.distanceToRegion(pose.cell) - 1
    {
      return .forward
    }
    let left = Pose(cell: pose.cell, heading: pose.heading.left)
    if episode.actionsToRegion[episode.stateIndex(left)] == remaining - 1 { return .left }
    return .right
  }
}

/// Uniformly random actions, from a stream fixed by the scenario seed and episode index.
public struct RandomPolicy: NavigationPolicy {
  private var rng: SplitMix64

  /// A random policy for `episode`; `seed` is the scenario's seed.
  public init(seed: UInt64, episode: Int) {
    rng = SplitMix64(seed: seed ^ 0x5241_4E44_4F4D, stream: UInt64(episode))
  }

  public mutating func action(in episode: Episode, state: AgentState) -> Action {
    Action(rawValue: rng.uniform(below: Action.allCases.count))!
  }
}
