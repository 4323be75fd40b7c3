/// A command's arguments split into positionals and `--name value` options.
struct Arguments {
  var positionals: [String] = []
  private var values: [String: [String]] = [:]
  private var flags: Set<String> = []

  /// Splits `raw`; `valued` options take a value, `switches` take none, and only the
  /// `repeatable` valued options may be given more than once.
  ///
  /// - Throws: `CLIError.usage` for an unknown option, a missing value or an option
  ///   given twice.
  init(
    _ raw: [String], command: String, valued: Set<String>, switches: Set<String> = [],
    repeatable: Set<String> = []
  ) throws {
    var i = 0
    while i < raw.count {
      let arg = raw[i]
      i += 1
      guard arg.hasPrefix("--"), arg.count > 2 else { positionals.append(arg); continue }
      var name = arg, inline: String?
      if let eq = arg.firstIndex(of: "=") {
        name = String(arg[..<eq])
        inline = String(arg[arg.index(after: eq)...])
      }
      if switches.contains(name) && inline == nil {
        flags.insert(name)
      } else if valued.contains(name) {
        if values[name] != nil && !repeatable.contains(name) {
          throw CLIError.usage("\(name) is given more than once")
        }
        if let v = inline {
          values[name, default: []].append(v)
        } else {
          guard i < raw.count else { throw CLIError.usage("\(name) needs a value") }
          values[name, default: []].append(raw[i])
          i += 1
        }
      } else {
        throw CLIError.usage(
          "unknown option '\(name)' for '\(command)'; see 'earshot help \(command)'")
      }
    }
  }

  func has(_ flag: String) -> Bool { flags.contains(flag) }

  /// The value given for `name`.
  func string(_ name: String) -> String? { values[name]?.last }

  /// Every value given for a repeatable option, in order.
  func strings(_ name: String) -> [String] { values[name] ?? [] }

  /// The integer value of `name` within `range`, or nil if absent.
  func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
    guard let text = string(name) else { return nil }
    guard let value = Int(text) else {
      throw CLIError.usage("\(name) must be an integer, not '\(text)'")
    }
    guard range.contains(value) else {
      throw CLIError.usage(
        "\(name) must be in \(range.lowerBound)...\(range.upperBound), not \(value)")
    }
    return value
  }
}
