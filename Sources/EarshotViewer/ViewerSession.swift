import EarshotAudio
import EarshotLearning
import EarshotMedia
import EarshotWorld

/// Everything the viewer shows, without any drawing: the episode, the agent's state and
/// senses, its trail, the last action and reward, and the viewer's own settings (speed,
/// pause, view, sound, help).
///
/// The window and the headless screenshot draw a session; keys turn into `ViewerCommand`s
/// that `apply(_:)` carries out. Without a policy the person at the keyboard drives the
/// agent; with one, `policyStep()` asks it for the next action.
public final class ViewerSession {
  /// What the view panel shows.
  public enum ViewMode: Sendable {
    /// The agent's first-person frame, as a policy sees it.
    case firstPerson
    /// The partial top-down view of the cells around the agent.
    case partialMap
  }

  /// The steps per second a policy may run at; `speedIndex` points into it.
  public static let speeds: [Double] = [0.25, 0.5, 1, 2, 4, 8, 16, 32]
  /// The starting speed, 4 steps a second: real time for 0.25 s audio blocks.
  public static let defaultSpeedIndex = 4
  /// Blocks of spectrogram history shown (2.25 s at 0.25 s a block).
  public static let spectrogramBlocks = 9

  /// The scenario whose episodes are shown.
  public let scenario: Scenario
  /// The senses' shared parts: camera, textures, clips.
  public let suite: SensorSuite
  /// What drives the agent, for the screen: "keyboard", "oracle", a checkpoint's name.
  public let policyName: String
  private let makePolicy: PolicyMaker?

  /// The episode's index in the scenario.
  public private(set) var episodeIndex: Int
  /// The episode being played.
  public private(set) var episode: Episode
  /// The episode's senses; audio carries state from step to step.
  public private(set) var sensors: EpisodeSensors
  /// The agent's state; `state.actions` is the step number.
  public private(set) var state: AgentState
  /// What the agent perceives now, after `state.actions` actions.
  public private(set) var observation: Observation
  /// Cells the agent has stood in, in order, the start first; a cell repeats when revisited.
  public private(set) var trail: [GridPoint]
  /// The action most recently taken in this episode.
  public private(set) var lastAction: Action?
  /// The reward of the most recent action.
  public private(set) var lastReward: Double?
  /// The sum of this episode's rewards.
  public private(set) var totalReward = 0.0
  /// The policy's explanation of its last decision; nil for a policy that gives none.
  public private(set) var insight: DecisionInsight?
  /// The scores of the episodes finished in this session, in order.
  public private(set) var finished: [EpisodeMetrics] = []
  /// The spectrograms of the last few steps.
  public private(set) var spectrograms: SpectrogramHistory
  /// Which of the episode's sources sound at which step.
  public private(set) var soundActivity: SoundActivity
  /// Counts observations made; the audio output plays each new one once.
  public private(set) var observationCount = 0

  /// Index into `speeds`.
  public private(set) var speedIndex = ViewerSession.defaultSpeedIndex
  /// Whether a policy waits for N or Space.
  public var paused = false
  /// What the view panel shows.
  public var viewMode = ViewMode.firstPerson
  /// Whether the sound is silenced.
  public var muted = false
  /// Whether the key list is shown over the window.
  public var showsHelp = false

  private var policy: (any NavigationPolicy)?

  /// A session on episode `episodeIndex` of `scenario`.
  ///
  /// - Parameters:
  ///   - policy: Makes the policy for each episode; nil for keyboard control.
  ///   - policyName: How the status line names the driver.
  /// - Throws: `ScenarioError` when the episode cannot be set up, `AudioError` when a clip
  ///   cannot be loaded.
  public init(
    scenario: Scenario, episodeIndex: Int, suite: SensorSuite, policy: PolicyMaker?,
    policyName: String
  ) throws {
    self.scenario = scenario
    self.suite = suite
    self.makePolicy = policy
    self.policyName = policy == nil ? "keyboard" : policyName
    self.episodeIndex = episodeIndex
    let episode = try Episode(scenario: scenario, index: episodeIndex)
    let sensors = try suite.sensors(for: episode, of: scenario)
    let state = AgentState(start: episode)
    self.episode = episode
    self.sensors = sensors
    self.state = state
    self.observation = sensors.observe(state)
    self.trail = [state.pose.cell]
    self.policy = policy.map { $0(episode) }
    let settings = suite.audioSettings
    spectrograms = SpectrogramHistory(
      capacity: ViewerSession.spectrogramBlocks, framesPerBlock: settings.spectrogramFrames,
      rows: 2 * settings.spectrogramBins + 1)
    soundActivity = SoundActivity(episode: episode, clips: suite.clips, settings: settings)
    recordObservation()
  }

  /// Whether a policy, rather than the keyboard, moves the agent.
  public var isPolicyDriven: Bool { makePolicy != nil }

  /// Whether the policy explains its decisions (a learned one does), so that its insight
  /// panel shows bars rather than "no network".
  public var explainsDecisions: Bool { policy is any ExplainingPolicy }

  /// Steps per second of a policy.
  public var speed: Double { ViewerSession.speeds[speedIndex] }

  /// The step number: actions taken so far.
  public var step: Int { state.actions }

  /// This episode's scores as they stand (SPL is 0 until a successful stop).
  public var metrics: EpisodeMetrics { EpisodeMetrics(episode: episode, final: state) }

  /// Warnings from loading this episode's clips and the suite's textures.
  public var warnings: [String] { suite.warnings + sensors.warnings }

  /// Whether source `k` (0 the goal) sounds now.
  public func isPlaying(source k: Int) -> Bool { soundActivity.isPlaying(source: k, step: step) }

  /// Carries out `command`; `.quit` is left to the caller, and movement is ignored while
  /// a policy drives.
  ///
  /// - Throws: `AudioError` when a reset cannot reload the episode's clips.
  public func apply(_ command: ViewerCommand) throws {
    switch command {
    case .act(let action):
      if !isPolicyDriven { act(action) }
    case .togglePause:
      paused.toggle()
    case .stepOnce:
      paused = true
      policyStep()
    case .faster:
      speedIndex = min(speedIndex + 1, ViewerSession.speeds.count - 1)
    case .slower:
      speedIndex = max(speedIndex - 1, 0)
    case .reset:
      try restart(episode: episodeIndex)
    case .toggleView:
      viewMode = viewMode == .firstPerson ? .partialMap : .firstPerson
    case .toggleMute:
      muted.toggle()
    case .toggleHelp:
      showsHelp.toggle()
    case .quit:
      break
    }
  }

  /// Takes `action` unless the episode has ended, then observes the new state.
  public func act(_ action: Action) {
    guard !state.done else { return }
    let reward = state.step(action, in: episode)
    lastAction = action
    lastReward = reward
    totalReward += reward
    if trail.last != state.pose.cell { trail.append(state.pose.cell) }
    observation = sensors.observe(state)
    recordObservation()
    if state.done { finished.append(metrics) }
  }

  /// Lets the policy choose and take one action; nothing in keyboard mode or after the end.
  public func policyStep() {
    guard var current = policy, !state.done else { return }
    let action = current.action(in: episode, state: state)
    insight = (current as? any ExplainingPolicy)?.lastInsight
    policy = current
    act(action)
  }

  /// Starts the scenario's next episode, wrapping round after the last.
  ///
  /// - Throws: `ScenarioError` or `AudioError` when the episode cannot be set up.
  public func nextEpisode() throws {
    try restart(episode: (episodeIndex + 1) % max(1, scenario.episodes))
  }

  /// Starts episode `index` afresh: new state, senses, trail and policy.
  ///
  /// - Throws: `ScenarioError` or `AudioError` when the episode cannot be set up.
  public func restart(episode index: Int) throws {
    let episode = try Episode(scenario: scenario, index: index)
    let sensors = try suite.sensors(for: episode, of: scenario)
    episodeIndex = index
    self.episode = episode
    self.sensors = sensors
    state = AgentState(start: episode)
    trail = [state.pose.cell]
    lastAction = nil
    lastReward = nil
    totalReward = 0
    insight = nil
    policy = makePolicy.map { $0(episode) }
    soundActivity = SoundActivity(
      episode: episode, clips: suite.clips, settings: suite.audioSettings)
    spectrograms.clear()
    observation = sensors.observe(state)
    recordObservation()
  }

  private func recordObservation() {
    let picture = sensors.spectrogramImage()
    spectrograms.append(width: picture.width, height: picture.height, rgb: picture.rgb)
    observationCount += 1
  }
}
