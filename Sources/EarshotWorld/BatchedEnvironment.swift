import Dispatch

/// Many episodes stepped together, over worker threads, for learning.
///
/// Slot `i` holds one episode; `step` advances every slot by one action.
/// Slots never share state, so the outcome is the same, bit for bit,
/// whatever the number of workers.
public struct BatchedEnvironment: Sendable {
  /// The episode in each slot.
  public private(set) var episodes: [Episode]
  /// The agent in each slot.
  public private(set) var states: [AgentState]
  /// Threads used by `step`.
  public var workers: Int

  /// A batch with one slot per episode, each at its start.
  public init(episodes: [Episode], workers: Int) {
    self.episodes = episodes
    self.states = episodes.map { AgentState(start: $0) }
    self.workers = max(1, workers)
  }

  /// Puts `episode` in `slot`, at its start.
  public mutating func reset(slot: Int, to episode: Episode) {
    episodes[slot] = episode
    states[slot] = AgentState(start: episode)
  }

  /// Takes one action in every slot whose episode has not ended.
  ///
  /// - Parameters:
  ///   - actions: One per slot; ignored for slots already done.
  ///   - rewards: Filled with each slot's reward (0 for slots already done).
  /// - Complexity: O(slots / workers) per worker.
  public mutating func step(_ actions: [Action], rewards: inout [Double]) {
    precondition(actions.count == states.count, "one action per slot")
    precondition(rewards.count == states.count, "one reward per slot")
    let count = states.count
    let chunk = (count + workers - 1) / workers
    episodes.withUnsafeBufferPointer { episodes in
      states.withUnsafeMutableBufferPointer { states in
        rewards.withUnsafeMutableBufferPointer { rewards in
          let s = UnsafeSendableBuffer(states), r = UnsafeSendableBuffer(rewards)
          let e = UnsafeSendableEpisodes(base: episodes)
          let work = { (w: Int) in
            for i in (w * chunk)..<min(count, (w + 1) * chunk) {
              if s.base[i].done { r.base[i] = 0; continue }
              r.base[i] = s.base[i].step(actions[i], in: e.base[i])
            }
          }
          if workers == 1 { work(0) } else {
            DispatchQueue.concurrentPerform(iterations: workers, execute: work)
          }
        }
      }
    }
  }
}

private struct UnsafeSendableEpisodes: @unchecked Sendable {
  let base: UnsafeBufferPointer<Episode>
}
