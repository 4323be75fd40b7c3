import Foundation
import Dispatch
import EarshotAutodiff
import EarshotWorld

/// Plays many episodes in lockstep: observations rendered over worker threads,
/// then one batched network step for all agents that need it.
struct Rollouts {
  let suite: SensorSuite
  let scenarios: [Scenario]
  let workers: Int

  /// Who acts at a step.
  enum Actor {
    /// The oracle always (β = 1).
    case oracle
    /// With probability β the oracle, else an action sampled from the network.
    case mixture(network: PolicyNetwork, beta: Double, seed: UInt64)
    /// A fixed action list (replaying a recorded trajectory).
    case replay([[Action]])
    /// Actions sampled from the network, recording rewards, log-probabilities,
    /// values and memory states for reinforcement learning.
    case policy(network: PolicyNetwork, seed: UInt64)

    var network: PolicyNetwork? {
      switch self {
      case .mixture(let network, _, _), .policy(let network, _): return network
      case .oracle, .replay: return nil
      }
    }

    var seed: UInt64? {
      switch self {
      case .mixture(_, _, let seed), .policy(_, let seed): return seed
      case .oracle, .replay: return nil
      }
    }
  }

  /// Plays `episodes` (scenario index, episode index) to the end or `maxSteps`
  /// and records observations, actions and oracle labels.
  func collect(
    _ episodes: [(scenario: Int, episode: Int)], actor: Actor, maxSteps: Int?
  ) throws -> [Trajectory] {
    let setups = try episodes.map {
      try Episode(scenario: scenarios[$0.scenario], index: $0.episode)
    }
    let sensors = try zip(episodes, setups).map {
      try suite.sensors(for: $1, of: scenarios[$0.scenario])
    }
    var states = setups.map { AgentState(start: $0) }
    var trajectories = episodes.map { Trajectory(scenario: $0.scenario, episode: $0.episode) }
    let network = actor.network
    var hidden = network.map {
      [Float](repeating: 0, count: episodes.count * $0.architecture.hidden)
    }
    var rngs = episodes.indices.map { i -> SplitMix64 in
      actor.seed.map { SplitMix64(seed: $0, stream: UInt64(i)) } ?? SplitMix64(seed: 0)
    }
    var learning = false
    if case .policy = actor { learning = true }
    let limit = maxSteps ?? Int.max
    let oracle = OraclePolicy()

    var replayed: [[Action]]? = nil
    if case .replay(let list) = actor { replayed = list }

    var step = 0
    while true {
      var active = [Int]()
      for i in states.indices where !states[i].done && states[i].actions < limit {
        if let replayed, step >= replayed[i].count { continue }
        active.append(i)
      }
      if active.isEmpty { break }

      let observed = observe(active, sensors: sensors, states: states)

      // The learner's choice, one batched step for all active agents.
      var learnerActions = [Action?](repeating: nil, count: active.count)
      if let network, var h = hidden {
        let size = network.architecture.hidden
        let evaluated = try evaluate(network, observed, hidden: h, of: active)
        for (k, i) in active.enumerated() {
          if learning, network.architecture.memory {
            trajectories[i].hiddenStates += h[(i * size)..<((i + 1) * size)]
          }
          h.replaceSubrange((i * size)..<((i + 1) * size), with: evaluated.states[k])
          let action = sample(evaluated.logits[k], using: &rngs[i])
          learnerActions[k] = action
          if learning {
            trajectories[i].logProbabilities.append(
              logProbability(of: action, logits: evaluated.logits[k]))
            trajectories[i].values.append(evaluated.values[k])
          }
        }
        hidden = h
      }

      for (k, i) in active.enumerated() {
        let expert = oracle.action(in: setups[i], state: states[i])
        let action: Action
        switch actor {
        case .oracle: action = expert
        case .mixture(_, let beta, _):
          action = rngs[i].unitDouble() < beta ? expert : learnerActions[k]!
        case .replay(let list): action = list[i][step]
        case .policy: action = learnerActions[k]!
        }
        trajectories[i].expertActions.append(expert)
        trajectories[i].actions.append(action)
        ObservationTensors.appendFrame(observed[k].frame, to: &trajectories[i].frames)
        ObservationTensors.appendSpectrogram(
          observed[k].spectrogram, to: &trajectories[i].spectrograms)
        let reward = states[i].step(action, in: setups[i])
        if learning { trajectories[i].rewards.append(Float(reward)) }
        trajectories[i].success = states[i].success
      }
      step += 1
    }

    // Episodes cut by the step limit bootstrap from the value of where they stopped.
    if learning, let network, let h = hidden {
      let cut = states.indices.filter { trajectories[$0].actions.last != .stop }
      if !cut.isEmpty {
        let observed = observe(cut, sensors: sensors, states: states)
        let values = try evaluate(network, observed, hidden: h, of: cut).values
        for (k, i) in cut.enumerated() { trajectories[i].finalValue = values[k] }
      }
    }
    return trajectories
  }

  /// The observations of agents `indices`, rendered over the worker threads.
  private func observe(
    _ indices: [Int], sensors: [EpisodeSensors], states: [AgentState]
  ) -> [Observation] {
    var observations = [Observation?](repeating: nil, count: indices.count)
    observations.withUnsafeMutableBufferPointer { buffer in
      let out = SendableBuffer<Observation?>(buffer)
      let w = max(1, min(workers, indices.count))
      DispatchQueue.concurrentPerform(iterations: w) { worker in
        for k in stride(from: worker, to: indices.count, by: w) {
          out[k] = sensors[indices[k]].observe(states[indices[k]])
        }
      }
    }
    return observations.map { $0! }
  }

  /// One batched network step for agents `indices` given everyone's memory `hidden`:
  /// per agent, the action logits, the new memory state and the critic's value.
  private func evaluate(
    _ network: PolicyNetwork, _ observed: [Observation], hidden: [Float], of indices: [Int]
  ) throws -> (logits: [[Float]], states: [ArraySlice<Float>], values: [Float]) {
    let size = network.architecture.hidden
    var rows = [Float]()
    rows.reserveCapacity(indices.count * size)
    for i in indices { rows += hidden[(i * size)..<((i + 1) * size)] }
    let (logits, next, values) = try withGradientRecording(false) {
      let (logits, next) = try network.step(
        observations: observed, hidden: Tensor(shape: [indices.count, size], data: rows))
      return (logits.scalars, next.scalars, try network.value(next).scalars)
    }
    return (
      indices.indices.map { Array(logits[($0 * 4)..<(($0 + 1) * 4)]) },
      indices.indices.map { next[($0 * size)..<(($0 + 1) * size)] },
      values)
  }

  /// log softmax(logits)[action].
  private func logProbability(of action: Action, logits: [Float]) -> Float {
    let m = logits.max() ?? 0
    let total = logits.reduce(Float(0)) { $0 + expf($1 - m) }
    return logits[action.rawValue] - m - logf(total)
  }

  /// An action drawn from softmax(logits).
  private func sample(_ logits: [Float], using rng: inout SplitMix64) -> Action {
    let m = logits.max() ?? 0
    let weights = logits.map { Double(expf($0 - m)) }
    var u = rng.unitDouble() * weights.reduce(0, +)
    for (a, w) in weights.enumerated() {
      u -= w
      if u < 0 { return Action(rawValue: a)! }
    }
    return .stop
  }
}

/// A buffer that worker threads write at disjoint indices.
struct SendableBuffer<Element>: @unchecked Sendable {
  let base: UnsafeMutableBufferPointer<Element>
  init(_ base: UnsafeMutableBufferPointer<Element>) { self.base = base }
  subscript(i: Int) -> Element {
    get { base[i] }
    nonmutating set { base[i] = newValue }
  }
}
