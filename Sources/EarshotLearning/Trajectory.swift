import EarshotWorld

/// One recorded episode for imitation: what the agent perceived at each
/// step, what it did, and what the oracle would have done.
///
/// Observations are a pure function of the episode and the actions taken, so a
/// trajectory can be rebuilt from `(scenario, episode, actions)` alone; that is
/// what checkpoints keep, so training can resume exactly.
public struct Trajectory: Sendable {
  /// Index into the trainer's scenario list.
  public var scenario: Int
  public var episode: Int
  /// The actions taken, one per step.
  public var actions: [Action] = []
  /// The oracle's action at each observation (the imitation label).
  public var expertActions: [Action] = []
  /// Frames, `steps × 3·H·W`, channel-first, scaled to [0, 1].
  public var frames: [Float] = []
  /// Spectrograms, `steps × 2·F·T`, scaled as `ObservationTensors` does.
  public var spectrograms: [Float] = []
  /// Whether the episode ended in a successful `stop`.
  public var success = false

  // Recorded for reinforcement learning only (on-policy episodes):
  /// The reward of each step (SPEC §5).
  public var rewards: [Float] = []
  /// log π(a_t | history) of each action taken, when it was taken.
  public var logProbabilities: [Float] = []
  /// The critic's V(history) at each step.
  public var values: [Float] = []
  /// The memory state before each step, `steps × hidden` (empty without memory).
  public var hiddenStates: [Float] = []
  /// V of the state after the last step when the episode was cut by the step limit;
  /// 0 when it ended with `stop` (a terminal state).
  public var finalValue: Float = 0

  /// Observations recorded (one per labelled step).
  public var steps: Int { expertActions.count }

  public init(scenario: Int, episode: Int) {
    self.scenario = scenario
    self.episode = episode
  }

  /// The actions as a string of digits, for checkpoints.
  public var actionDigits: String { String(actions.map { Character(String($0.rawValue)) }) }
}
