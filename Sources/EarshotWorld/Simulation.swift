/// The agent's progress through one episode.
///
/// | | |
/// | --- | --- |
/// | actions | 0 `stop`, 1 `forward`, 2 `left`, 3 `right` (90° turns) |
/// | moves | `forward` into a wall or a source leaves the agent where it is |
/// | success | `stop` within `successDistance` cells of the goal (by shortest path) |
/// | end | any `stop`, or `maxSteps` actions (truncated, a failure) |
/// | reward | +10 on success, −0.01 a step, plus the decrease of the distance to the goal |
public struct AgentState: Hashable, Sendable {
  public var pose: Pose
  /// Actions taken so far, `stop` included.
  public var actions: Int = 0
  /// Cells travelled so far (forward moves that moved).
  public var cellsTravelled: Int = 0
  /// Whether the episode has ended.
  public var done = false
  /// Whether it ended in a successful `stop`.
  public var success = false

  /// The state at the start of `episode`.
  public init(start episode: Episode) {
    pose = episode.start
  }

  /// Reward for success.
  public static let successReward = 10.0
  /// Reward added every step.
  public static let stepReward = -0.01

  /// Takes one action and returns its reward.
  ///
  /// - Precondition: the episode has not ended.
  @discardableResult
  public mutating func step(_ action: Action, in episode: Episode) -> Double {
    precondition(!done, "step after the episode ended")
    let before = episode.distanceToRegion(pose.cell)
    actions += 1
    var reward = AgentState.stepReward

    switch action {
    case .stop:
      done = true
      success = before == 0
      if success { reward += AgentState.successReward }
    case .forward:
      let ahead = pose.cell.moved(pose.heading)
      if episode.world.contains(ahead) && episode.passable[episode.world.index(of: ahead)] {
        pose.cell = ahead
        cellsTravelled += 1
        reward += Double(before - episode.distanceToRegion(ahead))
      }
    case .left:
      pose.heading = pose.heading.left
    case .right:
      pose.heading = pose.heading.right
    }

    if !done && actions >= episode.maxSteps { done = true }
    return reward
  }
}
