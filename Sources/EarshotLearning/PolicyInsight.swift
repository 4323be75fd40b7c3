import EarshotWorld

/// What a learned policy can tell about its last decision, for the viewer.
public struct DecisionInsight: Sendable {
  /// The probability of each action, in `Action` order.
  public var actionProbabilities: [Float]
  /// Integrated-Gradients shares of the chosen action's logit by modality name
  /// ("vision", "audio"); empty when not computed.
  public var modalityShares: [String: Float]

  public init(actionProbabilities: [Float], modalityShares: [String: Float]) {
    self.actionProbabilities = actionProbabilities
    self.modalityShares = modalityShares
  }
}

/// A policy that explains its decisions.
public protocol ExplainingPolicy: NavigationPolicy {
  /// The insight into the action most recently returned by `action(in:state:)`.
  var lastInsight: DecisionInsight? { get }
}
