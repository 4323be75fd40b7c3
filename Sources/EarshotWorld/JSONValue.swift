import Foundation

/// A parsed JSON value, keeping booleans, integers and reals apart so that
/// file readers can say exactly which key holds the wrong kind of value.
public enum JSONValue: Equatable, Sendable {
  case null
  case bool(Bool)
  case int(Int)
  case double(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  /// Parses JSON text (RFC 8259; duplicate keys are an error).
  ///
  /// - Throws: `JSONSyntaxError` with the 1-based line and column of the problem.
  public static func parse(_ data: Data) throws -> JSONValue {
    var parser = JSONParser(bytes: Array(data))
    return try parser.parseDocument()
  }

  /// The value as a number, whether written as an integer or a real.
  public var number: Double? {
    switch self {
    case .int(let i): return Double(i)
    case .double(let d): return d
    default: return nil
    }
  }

  /// A short name of the value's kind, for error messages.
  public var kindName: String {
    switch self {
    case .null: return "null"
    case .bool: return "a boolean"
    case .int: return "an integer"
    case .double: return "a number"
    case .string: return "a string"
    case .array: return "an array"
    case .object: return "an object"
    }
  }
}

/// JSON text that does not parse, with where it breaks.
public struct JSONSyntaxError: Error, CustomStringConvertible, Equatable {
  public var line: Int
  public var column: Int
  public var message: String
  public var description: String { "\(line):\(column): not valid JSON: \(message)" }
}

/// A recursive-descent reader over UTF-8 bytes that tracks line and column.
private struct JSONParser {
  let bytes: [UInt8]
  var i = 0
  var depth = 0

  init(bytes: [UInt8]) { self.bytes = bytes }

  mutating func parseDocument() throws -> JSONValue {
    let value = try parseValue()
    skipSpace()
    guard i == bytes.count else { throw fail("unexpected text after the value") }
    return value
  }

  func fail(_ message: String) -> JSONSyntaxError {
    var line = 1, lineStart = 0
    for k in 0..<min(i, bytes.count) where bytes[k] == UInt8(ascii: "\n") {
      line += 1
      lineStart = k + 1
    }
    let column = String(decoding: bytes[lineStart..<min(i, bytes.count)], as: UTF8.self).count + 1
    return JSONSyntaxError(line: line, column: column, message: message)
  }

  mutating func skipSpace() {
    while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
  }

  mutating func expect(_ word: String) throws {
    let w = Array(word.utf8)
    guard i + w.count <= bytes.count, Array(bytes[i..<(i + w.count)]) == w else {
      throw fail("expected '\(word)'")
    }
    i += w.count
  }

  mutating func parseValue() throws -> JSONValue {
    skipSpace()
    guard i < bytes.count else { throw fail("unexpected end of text") }
    switch bytes[i] {
    case UInt8(ascii: "{"): return try parseObject()
    case UInt8(ascii: "["): return try parseArray()
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"): try expect("true"); return .bool(true)
    case UInt8(ascii: "f"): try expect("false"); return .bool(false)
    case UInt8(ascii: "n"): try expect("null"); return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
    default: throw fail("unexpected character '\(Character(UnicodeScalar(bytes[i])))'")
    }
  }

  mutating func nested<T>(_ body: (inout JSONParser) throws -> T) throws -> T {
    depth += 1
    defer { depth -= 1 }
    guard depth < 512 else { throw fail("nested too deeply") }
    return try body(&self)
  }

  mutating func parseObject() throws -> JSONValue {
    try nested { p in
      p.i += 1
      var fields = [String: JSONValue]()
      p.skipSpace()
      if p.i < p.bytes.count, p.bytes[p.i] == UInt8(ascii: "}") { p.i += 1; return .object(fields) }
      while true {
        p.skipSpace()
        guard p.i < p.bytes.count, p.bytes[p.i] == UInt8(ascii: "\"") else {
          throw p.fail("expected a key in double quotes")
        }
        let keyStart = p.i
        let key = try p.parseString()
        p.skipSpace()
        guard p.i < p.bytes.count, p.bytes[p.i] == UInt8(ascii: ":") else {
          throw p.fail("expected ':' after the key \"\(key)\"")
        }
        p.i += 1
        let value = try p.parseValue()
        if fields[key] != nil {
          p.i = keyStart
          throw p.fail("the key \"\(key)\" appears twice")
        }
        fields[key] = value
        p.skipSpace()
        guard p.i < p.bytes.count else { throw p.fail("unexpected end of text in an object") }
        if p.bytes[p.i] == UInt8(ascii: ",") { p.i += 1; continue }
        if p.bytes[p.i] == UInt8(ascii: "}") { p.i += 1; return .object(fields) }
        throw p.fail("expected ',' or '}' in an object")
      }
    }
  }

  mutating func parseArray() throws -> JSONValue {
    try nested { p in
      p.i += 1
      var items = [JSONValue]()
      p.skipSpace()
      if p.i < p.bytes.count, p.bytes[p.i] == UInt8(ascii: "]") { p.i += 1; return .array(items) }
      while true {
        items.append(try p.parseValue())
        p.skipSpace()
        guard p.i < p.bytes.count else { throw p.fail("unexpected end of text in an array") }
        if p.bytes[p.i] == UInt8(ascii: ",") { p.i += 1; continue }
        if p.bytes[p.i] == UInt8(ascii: "]") { p.i += 1; return .array(items) }
        throw p.fail("expected ',' or ']' in an array")
      }
    }
  }

  mutating func parseString() throws -> String {
    i += 1
    var out = [UInt8]()
    while i < bytes.count {
      let b = bytes[i]
      if b == UInt8(ascii: "\"") {
        i += 1
        return String(decoding: out, as: UTF8.self)
      }
      if b < 0x20 { throw fail("control character in a string") }
      if b != UInt8(ascii: "\\") { out.append(b); i += 1; continue }
      guard i + 1 < bytes.count else { break }
      let e = bytes[i + 1]
      i += 2
      switch e {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        guard i + 4 <= bytes.count,
          let code = UInt32(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16)
        else { throw fail("bad \\u escape") }
        i += 4
        out += Array(String(UnicodeScalar(code).map(Character.init) ?? "\u{FFFD}").utf8)
      default:
        i -= 1
        throw fail("bad escape in a string")
      }
    }
    throw fail("unterminated string")
  }

  mutating func parseNumber() throws -> JSONValue {
    let start = i
    var isReal = false
    while i < bytes.count {
      let b = bytes[i]
      if b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
        isReal = true
      } else if !(b == UInt8(ascii: "-") || b == UInt8(ascii: "+")
        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b))
      {
        break
      }
      i += 1
    }
    let text = String(decoding: bytes[start..<i], as: UTF8.self)
    if !isReal, let n = Int(text) { return .int(n) }
    guard let d = Double(text), d.isFinite else {
      i = start
      throw fail("bad number '\(text)'")
    }
    return .double(d)
  }
}
