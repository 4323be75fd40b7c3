/// A problem in a scenario file, naming the file and the key.
public struct ScenarioError: Error, CustomStringConvertible, Equatable {
  public var path: String
  /// The offending key as a dotted path, e.g. `goal.at` or `distractors[1].sound`.
  public var key: String?
  public var message: String

  public init(path: String, key: String?, message: String) {
    self.path = path
    self.key = key
    self.message = message
  }

  public var description: String {
    key.map { "\(path): \($0): \(message)" } ?? "\(path): \(message)"
  }
}
