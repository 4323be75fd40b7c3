import EarshotAttribution
import EarshotAutodiff
import EarshotWorld
import Foundation

/// How a learned policy explains its decisions: Integrated Gradients of one
/// action's logit, at the embeddings or at the raw inputs.
public struct Explanation: Sendable {
  public var integratedGradients: IntegratedGradients
  public var space: AttributionSpace
  /// The action whose logit is attributed; nil for the action taken.
  public var targetAction: Int?

  /// Gauss–Legendre with 16 points at the embeddings, for the action taken.
  public static let standard = Explanation(
    integratedGradients: try! IntegratedGradients(rule: .gaussLegendre, points: 16),
    space: .embeddings, targetAction: nil)

  public init(
    integratedGradients: IntegratedGradients, space: AttributionSpace, targetAction: Int?
  ) {
    self.integratedGradients = integratedGradients
    self.space = space
    self.targetAction = targetAction
  }
}

/// A trained network acting in one episode: it perceives through the episode's
/// sensors (never the map), keeps its memory across steps, takes the most
/// probable action, and explains each decision (see `Explanation`).
public final class LearnedPolicy: ExplainingPolicy {
  public let network: PolicyNetwork
  let sensors: EpisodeSensors
  let masking: SenseMask
  var hidden: Tensor
  public private(set) var lastInsight: DecisionInsight?
  /// Per step, the attribution of the explained logit (fused networks only).
  public private(set) var attributions: [Attribution] = []
  /// Per step, the shares of the explained attribution (nil where all zero).
  public var shareHistory: [[Float]?] { attributions.map { $0.shares.perSample[0] } }
  /// How decisions are explained; nil to skip attributions.
  public var explanation: Explanation? = .standard

  /// Senses blanked at test time, to see which ones a policy relies on.
  public enum SenseMask: String, Sendable {
    case none
    /// Frames replaced by black.
    case blankFrames = "blank-frames"
    /// Audio replaced by silence.
    case muteAudio = "mute-audio"
    /// Both: black frames and silence, the baseline of a Shapley-style split of
    /// success between the senses.
    case noSenses = "no-senses"
  }

  public init(network: PolicyNetwork, sensors: EpisodeSensors, masking: SenseMask = .none) {
    self.network = network
    self.sensors = sensors
    self.masking = masking
    hidden = network.initialState(batch: 1)
  }

  public func action(in episode: Episode, state: AgentState) -> Action {
    var observation = sensors.observe(state)
    if masking == .blankFrames || masking == .noSenses {
      observation.frame.rgb = [UInt8](repeating: 0, count: observation.frame.rgb.count)
    }
    if masking == .muteAudio || masking == .noSenses {
      observation.spectrogram = [Float](
        repeating: sensors.silenceDecibels, count: observation.spectrogram.count)
    }
    do {
      return try decide(observation)
    } catch {
      // A forward pass on well-formed observations cannot fail; stop rather than crash.
      return .stop
    }
  }

  private func decide(_ observation: Observation) throws -> Action {
    let a = network.architecture
    let frames = ObservationTensors.frames([observation])
    let spectrograms = ObservationTensors.spectrograms(
      [observation], bins: a.spectrogramBins, frames: a.spectrogramFrames)
    let (embeddings, logits, state) = try withGradientRecording(false) {
      let e = try network.embeddings(frames: frames, spectrograms: spectrograms)
      let s = try network.remember(network.fuse(e), hidden: hidden)
      return (e, try network.logits(s), s)
    }
    let before = hidden
    hidden = state
    let l = logits.scalars
    let best = l.indices.max { l[$0] < l[$1] }!
    let m = l.max()!
    let exps = l.map { expf($0 - m) }
    let probabilities = exps.map { $0 / exps.reduce(0, +) }

    var shares = [String: Float]()
    if let explanation {
      let attribution = try explain(
        explanation, frames: frames, spectrograms: spectrograms, embeddings: embeddings,
        before: before, action: explanation.targetAction ?? best)
      attributions.append(attribution)
      if let measured = attribution.shares.perSample[0] {
        for (name, s) in zip(a.modalities.names, measured) { shares[name] = s }
        for name in Modalities.fused.names where shares[name] == nil { shares[name] = 0 }
      }
    }
    lastInsight = DecisionInsight(actionProbabilities: probabilities, modalityShares: shares)
    return Action(rawValue: best)!
  }

  private func explain(
    _ e: Explanation, frames: Tensor, spectrograms: Tensor, embeddings: [Tensor],
    before: Tensor, action: Int
  ) throws -> Attribution {
    // `f` is called with K·1 rows (the path) and 2 rows (the end points).
    func head(_ embedded: [Tensor]) throws -> Tensor {
      let states = try before.rows([Int](repeating: 0, count: embedded[0].shape[0]))
      return try selectTargets(
        from: network.head(embeddings: embedded, before: states), classes: [action])
    }
    switch e.space {
    case .embeddings:
      return try e.integratedGradients.attribute(
        { x in try head(x) },
        inputs: embeddings, baselines: embeddings.map { .zeros($0.shape) })
    case .inputs:
      // The inputs of the senses the network has, in `modalities.names` order.
      let m = network.architecture.modalities
      let inputs = (m.seesFrames ? [frames] : []) + (m.hearsAudio ? [spectrograms] : [])
      return try e.integratedGradients.attribute(
        { x in
          try head(network.embeddings(
            frames: m.seesFrames ? x[0] : frames,
            spectrograms: m.hearsAudio ? x[x.count - 1] : spectrograms))
        },
        inputs: inputs, baselines: inputs.map { .zeros($0.shape) })
    }
  }
}
