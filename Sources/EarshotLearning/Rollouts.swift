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
    let network: PolicyNetwork? = { if case .mixture(let n, _, _) = actor { n } else { nil } }()
    var hidden = network.map {
      [Float](repeating: 0, count: episodes.count * $0.architecture.hidden)
    }
    var rngs = episodes.indices.map { i -> SplitMix64 in
      if case .mixture(_, _, let seed) = actor { return SplitMix64(seed: seed, stream: UInt64(i)) }
      return SplitMix64(seed: 0)
    }
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

      // Observations for the active agents, rendered in parallel.
      var observations = [Observation?](repeating: nil, count: active.count)
      observations.withUnsafeMutableBufferPointer { buffer in
        let out = SendableBuffer<Observation?>(buffer)
        let w = max(1, min(workers, active.count))
        DispatchQueue.concurrentPerform(iterations: w) { worker in
          for k in stride(from: worker, to: active.count, by: w) {
            out[k] = sensors[active[k]].observe(states[active[k]])
          }
        }
      }
      let observed = observations.map { $0! }

      // The learner's choice, one batched step for all active agents.
      var learnerActions = [Action?](repeating: nil, count: active.count)
      if let network, var h = hidden {
        let size = network.architecture.hidden
        var rows = [Float]()
        for i in active { rows += h[(i * size)..<((i + 1) * size)] }
        let (logits, next) = try withGradientRecording(false) {
          try network.step(
            observations: observed, hidden: Tensor(shape: [active.count, size], data: rows))
        }
        let l = logits.scalars, n = next.scalars
        for (k, i) in active.enumerated() {
          let target = (i * size)..<((i + 1) * size), source = (k * size)..<((k + 1) * size)
          h.replaceSubrange(target, with: n[source])
          let row = Array(l[(k * 4)..<((k + 1) * 4)])
          learnerActions[k] = sample(row, using: &rngs[i])
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
        }
        trajectories[i].expertActions.append(expert)
        trajectories[i].actions.append(action)
        ObservationTensors.appendFrame(observed[k].frame, to: &trajectories[i].frames)
        ObservationTensors.appendSpectrogram(
          observed[k].spectrogram, to: &trajectories[i].spectrograms)
        states[i].step(action, in: setups[i])
        trajectories[i].success = states[i].success
      }
      step += 1
    }
    return trajectories
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
