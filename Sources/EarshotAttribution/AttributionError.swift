import EarshotAutodiff

/// Why an attribution or a balance penalty cannot be computed from the arguments given.
///
/// Every case names the offending value and what would be accepted, so that the message
/// alone says which argument to fix. Errors thrown by the caller's network function pass
/// through unchanged; tensor-shape errors from the operations are ``TensorError``.
public enum AttributionError: Error, CustomStringConvertible, Equatable {
  /// The number of path points is below what the integration rule needs.
  case invalidPointCount(rule: String, points: Int, minimum: Int)
  /// An integration rule name that is not one of ``IntegrationRule/allCases``.
  case unknownRule(String)
  /// A divergence name that is not one of ``ShareDivergence/allCases``.
  case unknownDivergence(String)
  /// A target class index outside `0..<classes` for one sample.
  case targetOutOfRange(sample: Int, index: Int, classes: Int)
  /// No modality tensors were given.
  case noModalities
  /// A modality tensor (or its baseline) has a shape that does not fit the others.
  case modalityShapeMismatch(modality: Int, expected: [Int], found: [Int], reason: String)
  /// The target function returned something other than one scalar per path point.
  case targetShape(expected: Int, found: [Int])
  /// Target shares of the wrong count, negative, or not summing to 1.
  case invalidTargetShares(shares: [Float], modalities: Int, reason: String)
  /// A random-reference baseline with an empty reference set.
  case emptyReferenceSet(modality: Int)
  /// A regularizer weight or smoothing constant that is negative or not finite.
  case invalidParameter(name: String, value: Float, reason: String)

  /// One line naming the offending value and what would be accepted.
  public var description: String {
    switch self {
    case .invalidPointCount(let rule, let points, let minimum):
      return "\(rule) needs at least \(minimum) path point\(minimum == 1 ? "" : "s"), "
        + "got \(points); use --points \(minimum) or more"
    case .unknownRule(let name):
      let known = IntegrationRule.allCases.map(\.rawValue).joined(separator: ", ")
      return "unknown integration method '\(name)'; use one of \(known)"
    case .unknownDivergence(let name):
      let known = ShareDivergence.allCases.map(\.rawValue).joined(separator: ", ")
      return "unknown share divergence '\(name)'; use one of \(known)"
    case .targetOutOfRange(let sample, let index, let classes):
      return "target index \(index) of sample \(sample) is outside 0..<\(classes); "
        + "the network has \(classes) outputs"
    case .noModalities:
      return "attribution needs at least one modality tensor"
    case .modalityShapeMismatch(let modality, let expected, let found, let reason):
      return "modality \(modality) has shape \(found) where \(expected) was expected: \(reason)"
    case .targetShape(let expected, let found):
      return "the target function must return one scalar per path point, shape "
        + "[\(expected)] or [\(expected), 1]; it returned shape \(found)"
    case .invalidTargetShares(let shares, let modalities, let reason):
      return "target shares \(shares) for \(modalities) modalities: \(reason)"
    case .emptyReferenceSet(let modality):
      return "the reference set of modality \(modality) is empty; a random baseline needs "
        + "at least one reference sample"
    case .invalidParameter(let name, let value, let reason):
      return "\(name) = \(value): \(reason)"
    }
  }
}
