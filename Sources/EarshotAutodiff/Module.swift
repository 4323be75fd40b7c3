/// A collection of named trainable tensors: a layer, or a model made of layers.
///
/// Names are dot-separated paths, such as `vision.conv1.weight`; a model builds them by
/// prefixing its layers' names (see ``Module/namedParameters(prefix:)``). They are the keys
/// of a checkpoint, so renaming one breaks loading older checkpoints.
public protocol Module: AnyObject {
  /// The trainable tensors with their names, in a fixed order.
  var namedParameters: [(name: String, tensor: Tensor)] { get }
}

extension Module {
  /// The trainable tensors, in the order of ``namedParameters``.
  public var parameters: [Tensor] { namedParameters.map(\.tensor) }

  /// The parameters with `prefix.` put in front of each name.
  public func namedParameters(prefix: String) -> [(name: String, tensor: Tensor)] {
    namedParameters.map { (prefix.isEmpty ? $0.name : "\(prefix).\($0.name)", $0.tensor) }
  }

  /// The total number of trainable scalars.
  public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

  /// Copies values into the parameters, by name, keeping each parameter's identity.
  ///
  /// - Throws: ``ModuleError`` naming the first tensor that is missing, unexpected, or of
  ///   another shape: the checkpoint was written for another architecture. Nothing is
  ///   changed when it throws.
  public func loadParameters(from tensors: [String: Tensor]) throws(ModuleError) {
    let own = namedParameters
    for (name, parameter) in own {
      guard let source = tensors[name] else { throw .missingTensor(name: name) }
      guard source.shape == parameter.shape else {
        throw .shapeMismatch(name: name, expected: parameter.shape, found: source.shape)
      }
    }
    let ownNames = Set(own.map(\.name))
    if let extra = tensors.keys.sorted().first(where: { !ownNames.contains($0) }) {
      throw .unexpectedTensor(name: extra)
    }
    for (name, parameter) in own { parameter.scalars = tensors[name]!.scalars }
  }
}

/// Why a set of tensors does not fit a module.
public enum ModuleError: Error, CustomStringConvertible, Equatable {
  /// The module has a parameter that the tensors lack.
  case missingTensor(name: String)
  /// The tensors hold a name the module does not have.
  case unexpectedTensor(name: String)
  /// A parameter exists on both sides with different shapes.
  case shapeMismatch(name: String, expected: [Int], found: [Int])

  public var description: String {
    switch self {
    case .missingTensor(let name):
      return "the checkpoint has no tensor '\(name)'; was it written for another architecture?"
    case .unexpectedTensor(let name):
      return "the checkpoint has tensor '\(name)', which this model does not have; "
        + "was it written for another architecture?"
    case .shapeMismatch(let name, let expected, let found):
      return "tensor '\(name)' has shape \(found) in the checkpoint but \(expected) in the "
        + "model; was it written for another architecture?"
    }
  }
}
