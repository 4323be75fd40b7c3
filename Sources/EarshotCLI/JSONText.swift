import Foundation

/// JSON output with keys in the order given, for files people read and diff.
indirect enum JSONText {
  case null
  case bool(Bool)
  case number(Double)
  case integer(Int)
  case string(String)
  case array([JSONText])
  case object([(String, JSONText)])

  /// A number, or null when it is not finite (JSON has no NaN).
  static func real(_ x: Double?) -> JSONText {
    guard let x, x.isFinite else { return .null }
    return .number(x)
  }

  /// Indented text, two spaces a level, ending without a newline.
  func rendered(indent: String = "") -> String {
    let inner = indent + "  "
    switch self {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .integer(let i): return String(i)
    case .number(let x):
      if x == x.rounded(), abs(x) < 1e15 { return String(format: "%.1f", x) }
      return "\(x)"
    case .string(let s): return JSONText.quote(s)
    case .array(let items):
      if items.isEmpty { return "[]" }
      return "[\n" + items.map { inner + $0.rendered(indent: inner) }.joined(separator: ",\n")
        + "\n\(indent)]"
    case .object(let pairs):
      if pairs.isEmpty { return "{}" }
      let fields = pairs.map { key, value in
        inner + JSONText.quote(key) + ": " + value.rendered(indent: inner)
      }
      return "{\n" + fields.joined(separator: ",\n") + "\n\(indent)}"
    }
  }

  /// On one line, for JSON Lines files.
  func compact() -> String {
    switch self {
    case .array(let items): return "[" + items.map { $0.compact() }.joined(separator: ", ") + "]"
    case .object(let pairs):
      return "{" + pairs.map { JSONText.quote($0.0) + ": " + $0.1.compact() }
        .joined(separator: ", ") + "}"
    default: return rendered()
    }
  }

  static func quote(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
