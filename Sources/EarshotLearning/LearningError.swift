/// Why learning, loading or evaluating a policy could not go on.
public enum LearningError: Error, CustomStringConvertible, Equatable {
  case badArchitecture(String)
  case badCheckpoint(path: String, reason: String)
  case badConfig(path: String, key: String, reason: String)
  case modalityMismatch(String)
  case nonFinite(String)

  public var description: String {
    switch self {
    case .badArchitecture(let why): return "bad architecture: \(why)"
    case .badCheckpoint(let path, let reason): return "\(path): \(reason)"
    case .badConfig(let path, let key, let reason): return "\(path): \(key): \(reason)"
    case .modalityMismatch(let why): return why
    case .nonFinite(let why): return why
    }
  }
}
