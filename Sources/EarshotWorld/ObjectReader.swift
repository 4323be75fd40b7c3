import Foundation

/// Reads the keys of one JSON object, remembering which were used so that
/// unknown keys can be reported; errors (`ScenarioError`) name the file and the
/// dotted key. Scenario files and training configs are read with it.
public struct ObjectReader {
  public let path: String
  public let prefix: String
  private let fields: [String: JSONValue]
  private var used = Set<String>()

  /// A reader of the JSON object in `data`, the text of the file at `path`.
  ///
  /// - Throws: `ScenarioError` with the line and column of a syntax error.
  public init(path: String, data: Data) throws {
    do {
      try self.init(path: path, prefix: "", value: JSONValue.parse(data))
    } catch let e as JSONSyntaxError {
      throw ScenarioError(
        path: "\(path):\(e.line):\(e.column)", key: nil, message: "not valid JSON: \(e.message)")
    }
  }

  /// A reader of `value`, which must be an object; `prefix` starts every key it reports.
  public init(path: String, prefix: String, value: JSONValue) throws {
    self.path = path
    self.prefix = prefix
    guard case .object(let fields) = value else {
      let key = prefix.isEmpty ? nil : String(prefix.dropLast())
      throw ScenarioError(path: path, key: key, message: "must be an object, not \(value.kindName)")
    }
    self.fields = fields
  }

  public func error(_ key: String, _ message: String) -> ScenarioError {
    ScenarioError(path: path, key: prefix + key, message: message)
  }

  public func has(_ key: String) -> Bool { fields[key] != nil }

  public mutating func value(_ key: String) -> JSONValue? {
    used.insert(key)
    return fields[key]
  }

  public mutating func string(_ key: String) throws -> String {
    guard let s = try optionalString(key) else { throw error(key, "missing") }
    return s
  }

  public mutating func optionalString(_ key: String) throws -> String? {
    switch value(key) {
    case nil: return nil
    case .string(let s)?: return s
    case let other?: throw error(key, "must be a string, not \(other.kindName)")
    }
  }

  public mutating func integer(_ key: String, in range: ClosedRange<Int>) throws -> Int {
    guard let i = try optionalInteger(key, in: range) else { throw error(key, "missing") }
    return i
  }

  public mutating func optionalInteger(_ key: String, in range: ClosedRange<Int>) throws -> Int? {
    switch value(key) {
    case nil: return nil
    case .int(let i)?:
      guard range.contains(i) else {
        throw error(key, "\(i) is out of range \(range.lowerBound)...\(range.upperBound)")
      }
      return i
    case let other?: throw error(key, "must be an integer, not \(other.kindName)")
    }
  }

  public mutating func optionalNumber(
    _ key: String, in range: ClosedRange<Double>
  ) throws -> Double? {
    switch value(key) {
    case nil, .null?: return nil
    case let v? where v.number != nil:
      let x = v.number!
      guard range.contains(x) else {
        throw error(key, "\(x) is out of range \(range.lowerBound)...\(range.upperBound)")
      }
      return x
    case let other?: throw error(key, "must be a number, not \(other.kindName)")
    }
  }

  public mutating func optionalBool(_ key: String) throws -> Bool? {
    switch value(key) {
    case nil: return nil
    case .bool(let b)?: return b
    case let other?: throw error(key, "must be true or false, not \(other.kindName)")
    }
  }

  public mutating func object(_ key: String) throws -> ObjectReader {
    guard let v = value(key) else { throw error(key, "missing") }
    return try ObjectReader(path: path, prefix: prefix + key + ".", value: v)
  }

  public mutating func optionalArray(_ key: String) throws -> [JSONValue]? {
    switch value(key) {
    case nil: return nil
    case .array(let a)?: return a
    case let other?: throw error(key, "must be an array, not \(other.kindName)")
    }
  }

  /// Throws for the first key (in sorted order) that was never read.
  public func rejectUnknownKeys() throws {
    if let unknown = fields.keys.sorted().first(where: { !used.contains($0) }) {
      throw error(unknown, "unknown key")
    }
  }
}
