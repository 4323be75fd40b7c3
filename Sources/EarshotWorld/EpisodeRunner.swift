import Dispatch

/// What happened in one episode.
public struct EpisodeResult: Sendable {
  public var episode: Episode
  public var metrics: EpisodeMetrics
  /// The actions taken, in order.
  public var actions: [Action]
  /// The sum of rewards.
  public var totalReward: Double
}

/// Runs whole episodes over worker threads.
///
/// Each episode depends only on itself and its policy, so results are the
/// same, bit for bit, whatever the number of workers.
public enum EpisodeRunner {
  /// Plays `episodes` to the end with policies from `makePolicy`.
  ///
  /// - Parameter workers: Threads to use, at least 1.
  /// - Returns: One result per episode, in the order given.
  public static func run(
    _ episodes: [Episode], workers: Int, makePolicy: PolicyMaker
  ) -> [EpisodeResult] {
    let workers = max(1, min(workers, episodes.count))
    var results = [EpisodeResult?](repeating: nil, count: episodes.count)
    results.withUnsafeMutableBufferPointer { buffer in
      let out = UnsafeSendableBuffer(buffer)
      DispatchQueue.concurrentPerform(iterations: workers) { worker in
        for i in stride(from: worker, to: episodes.count, by: workers) {
          out[i] = play(episodes[i], policy: makePolicy(episodes[i]))
        }
      }
    }
    return results.map { $0! }
  }

  /// Plays one episode to the end.
  public static func play(_ episode: Episode, policy: any NavigationPolicy) -> EpisodeResult {
    var policy = policy
    var state = AgentState(start: episode)
    var actions = [Action]()
    var reward = 0.0
    while !state.done {
      let action = policy.action(in: episode, state: state)
      reward += state.step(action, in: episode)
      actions.append(action)
    }
    return EpisodeResult(
      episode: episode, metrics: EpisodeMetrics(episode: episode, final: state),
      actions: actions, totalReward: reward)
  }
}

/// A buffer that worker threads write at disjoint indices.
struct UnsafeSendableBuffer<Element>: @unchecked Sendable {
  let base: UnsafeMutableBufferPointer<Element>
  init(_ base: UnsafeMutableBufferPointer<Element>) { self.base = base }
  subscript(i: Int) -> Element {
    get { base[i] }
    nonmutating set { base[i] = newValue }
  }
}
