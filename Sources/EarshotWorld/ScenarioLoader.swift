import Foundation

/// Reads scenario files (`scenarios/**/*.json`) and checks them against their world.
///
/// Required keys: `name`, `world`, `goal`, `max_steps`, `episodes`, `seed`.
/// Optional: `description`, `distractors` (none), `start` (`"map"`),
/// `success_distance` (1), `background_noise_db` (−60; `null` for none),
/// `reverberation` (true). A source is `{"sound", "at"}` with optional
/// `mode` (`"continuous"` or `"intermittent"`) and `gain_db` (0).
/// `world` is a path relative to the scenario file or a generator object
/// `{"generator": "rooms", "width", "height", "rooms", "seed"}` or
/// `{"generator": "maze", "width", "height", "seed", "loops"}`.
public enum ScenarioLoader {
  /// File extensions that make a `sound` value a path rather than a clip name.
  public static let audioExtensions = ["wav", "flac", "ogg", "oga"]

  /// Loads and checks the scenario at `path`.
  ///
  /// - Throws: `ScenarioError` naming the key at fault, or `WorldError` for the map.
  public static func load(_ path: String) throws -> Scenario {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ScenarioError(path: path, key: nil, message: "cannot read the file")
    }
    var reader = try ObjectReader(path: path, data: data)
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
    return try readScenario(&reader, file: path, folder: folder)
  }

  /// The scenario files named by `paths`: files as given, folders searched
  /// recursively for `*.json`, in sorted order.
  public static func scenarioFiles(in paths: [String]) -> [String] {
    paths.flatMap { path -> [String] in
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder),
        isFolder.boolValue
      else { return [path] }
      let found = FileManager.default.enumerator(atPath: path)?
        .compactMap { $0 as? String }
        .filter { $0.hasSuffix(".json") }
        .sorted() ?? []
      return found.map { (path as NSString).appendingPathComponent($0) }
    }
  }

  /// A path named in a scenario: absolute as given, otherwise relative to the scenario's folder.
  static func resolve(_ path: String, in folder: URL) -> String {
    path.hasPrefix("/")
      ? URL(fileURLWithPath: path).standardizedFileURL.path
      : folder.appendingPathComponent(path).standardizedFileURL.path
  }

  private static func readScenario(
    _ r: inout ObjectReader, file: String, folder: URL
  ) throws -> Scenario {
    let name = try r.string("name")
    _ = try r.optionalString("description")
    let world = try readWorld(&r, folder: folder)
    var goalReader = try r.object("goal")
    let goal = try readSource(&goalReader, folder: folder)
    var distractors = [SourceSpec]()
    for (k, value) in (try r.optionalArray("distractors") ?? []).enumerated() {
      var d = try ObjectReader(path: file, prefix: "distractors[\(k)].", value: value)
      distractors.append(try readSource(&d, folder: folder))
    }
    let startName = try r.optionalString("start") ?? "map"
    guard let start = ["map": StartRule.map, "random": .random][startName] else {
      throw r.error("start", "must be \"map\" or \"random\", not \"\(startName)\"")
    }
    let maxSteps = try r.integer("max_steps", in: 1...1_000_000)
    let episodes = try r.integer("episodes", in: 1...10_000_000)
    let seed = try r.integer("seed", in: 0...Int.max)
    let successDistance = try r.optionalInteger("success_distance", in: 0...1000) ?? 1
    var acoustics = AcousticSettings()
    if r.has("background_noise_db") {
      acoustics.backgroundNoiseDecibels = try r.optionalNumber(
        "background_noise_db", in: -200...0)
    }
    acoustics.reverberation = try r.optionalBool("reverberation") ?? true
    try r.rejectUnknownKeys()

    let scenario = Scenario(
      name: name, file: file, world: world, goal: goal, distractors: distractors,
      start: start, maxSteps: maxSteps, episodes: episodes, seed: UInt64(seed),
      successDistance: successDistance, acoustics: acoustics)
    try check(scenario)
    return scenario
  }

  private static func readWorld(_ r: inout ObjectReader, folder: URL) throws -> World {
    switch r.value("world") {
    case .string(let relative)?:
      let path = resolve(relative, in: folder)
      guard FileManager.default.fileExists(atPath: path) else {
        throw r.error("world", "no world file at \(path)")
      }
      return try MapParser.parse(contentsOf: path)
    case .object?:
      var g = try r.object("world")
      let kind = try g.string("generator")
      let width = try g.integer("width", in: 5...1024)
      let height = try g.integer("height", in: 5...1024)
      let seed = UInt64(try g.integer("seed", in: 0...Int.max))
      let world: World
      switch kind {
      case "rooms":
        let rooms = try g.integer("rooms", in: 1...1000)
        world = RoomsGenerator(width: width, height: height, rooms: rooms, seed: seed).generate()
      case "maze":
        let loops = try g.optionalNumber("loops", in: 0...1) ?? 0
        world = MazeGenerator(width: width, height: height, seed: seed, loops: loops).generate()
      default:
        throw g.error("generator", "must be \"rooms\" or \"maze\", not \"\(kind)\"")
      }
      try g.rejectUnknownKeys()
      return world
    case nil:
      throw r.error("world", "missing (a map path or a generator object)")
    case let other?:
      throw r.error("world", "must be a map path or a generator object, not \(other.kindName)")
    }
  }

  private static func readSource(_ r: inout ObjectReader, folder: URL) throws -> SourceSpec {
    let sound = try r.string("sound")
    var file: String?
    let ext = (sound as NSString).pathExtension.lowercased()
    if sound.contains("/") || audioExtensions.contains(ext) {
      let path = resolve(sound, in: folder)
      guard FileManager.default.fileExists(atPath: path) else {
        throw r.error("sound", "no audio file at \(path)")
      }
      file = path
    } else if sound.isEmpty {
      throw r.error("sound", "must name a clip or an audio file")
    }

    let placement: Placement
    switch r.value("at") {
    case .string("random")?: placement = .random
    case .string(let s)? where s.count == 1 && s.first!.isWholeNumber:
      placement = .spawnPoint(Int(s)!)
    case .array(let xy)? where xy.count == 2:
      guard case .int(let c) = xy[0], case .int(let row) = xy[1] else {
        throw r.error("at", "a cell is [column, row], two integers")
      }
      placement = .cell(GridPoint(column: c, row: row))
    case nil: throw r.error("at", "missing")
    default: throw r.error("at", "must be a spawn digit \"0\"-\"9\", [column, row] or \"random\"")
    }

    let modeName = try r.optionalString("mode") ?? "continuous"
    guard let mode = PlaybackMode(rawValue: modeName) else {
      throw r.error("mode", "must be \"continuous\" or \"intermittent\", not \"\(modeName)\"")
    }
    let gain = try r.optionalNumber("gain_db", in: -120...40) ?? 0
    try r.rejectUnknownKeys()
    return SourceSpec(
      sound: sound, soundFile: file, placement: placement, mode: mode, gainDecibels: gain)
  }

  /// Checks fixed placements against the map, then sets up episode 0, which
  /// finds an unreachable goal or a world with no room for random placements.
  private static func check(_ s: Scenario) throws {
    var taken = [GridPoint: String]()
    if s.start == .map, let start = s.world.agentStart { taken[start.cell] = "the agent's start" }
    for (key, spec) in [("goal", s.goal)] + s.distractors.enumerated().map({
      ("distractors[\($0.offset)]", $0.element)
    }) {
      let cell: GridPoint
      switch spec.placement {
      case .random: continue
      case .spawnPoint(let digit):
        guard let c = s.world.spawnPoints[digit] else {
          throw ScenarioError(
            path: s.file, key: "\(key).at", message: "the map has no spawn point \(digit)")
        }
        cell = c
      case .cell(let c): cell = c
      }
      guard s.world.isOpen(cell) else {
        throw ScenarioError(
          path: s.file, key: "\(key).at", message: "\(cell) is a wall or outside the map")
      }
      if let other = taken[cell] {
        throw ScenarioError(path: s.file, key: "\(key).at", message: "\(cell) is taken by \(other)")
      }
      taken[cell] = key
    }
    _ = try Episode(scenario: s, index: 0)
  }
}
