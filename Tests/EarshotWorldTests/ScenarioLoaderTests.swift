import XCTest
@testable import EarshotWorld

/// A temporary folder holding a map and scenario files written by a test.
struct ScenarioFolder {
  let url: URL

  init(map: String = "map:\n#######\n#>...1#\n#.....#\n#######\n") throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("earshot-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    try map.write(to: url.appendingPathComponent("w.map"), atomically: true, encoding: .utf8)
  }

  /// Writes a scenario whose JSON body is `fields` (without braces) and returns its path.
  func scenario(_ fields: String, name: String = "s.json") throws -> String {
    let path = url.appendingPathComponent(name).path
    try "{\(fields)}".write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  static let base = """
    "name": "t", "world": "w.map", "max_steps": 50, "episodes": 3, "seed": 1
    """
}

final class ScenarioLoaderTests: XCTestCase {
  private func loadError(_ fields: String, map: String? = nil) throws -> ScenarioError? {
    let folder = try map.map { try ScenarioFolder(map: $0) } ?? ScenarioFolder()
    do {
      _ = try ScenarioLoader.load(try folder.scenario(fields))
      return nil
    } catch let e as ScenarioError {
      return e
    }
  }

  func testLoadsAScenarioWithDefaults() throws {
    let folder = try ScenarioFolder()
    let s = try ScenarioLoader.load(
      try folder.scenario(ScenarioFolder.base + #", "goal": {"sound": "phone", "at": "1"}"#))
    XCTAssertEqual(s.name, "t")
    XCTAssertEqual(s.goal.placement, .spawnPoint(1))
    XCTAssertEqual(s.start, .map)
    XCTAssertEqual(s.successDistance, 1)
    XCTAssertEqual(s.acoustics, AcousticSettings())
    XCTAssertEqual(s.goal.mode, .continuous)
  }

  func testErrorsNameTheKey() throws {
    let goal = #", "goal": {"sound": "phone", "at": "1"}"#
    XCTAssertEqual(try loadError(ScenarioFolder.base + goal + #", "colour": 1"#)?.key, "colour")
    XCTAssertEqual(
      try loadError(ScenarioFolder.base + #", "goal": {"sound": "phone", "at": "1", "x": 1}"#)?
        .key, "goal.x")
    XCTAssertEqual(try loadError(ScenarioFolder.base)?.key, "goal")
    let negative = ScenarioFolder.base.replacingOccurrences(
      of: "\"episodes\": 3", with: "\"episodes\": -4")
    XCTAssertEqual(try loadError(negative + goal)?.key, "episodes")
    let missingWorld = ScenarioFolder.base.replacingOccurrences(of: "w.map", with: "nope.map")
    XCTAssertEqual(try loadError(missingWorld + goal)?.key, "world")
    XCTAssertEqual(
      try loadError(ScenarioFolder.base + #", "goal": {"sound": "phone", "at": [0, 0]}"#)?.key,
      "goal.at", "a goal in a wall")
    XCTAssertEqual(
      try loadError(ScenarioFolder.base + #", "goal": {"sound": "phone", "at": "7"}"#)?.key,
      "goal.at", "a spawn point the map lacks")
    XCTAssertEqual(
      try loadError(ScenarioFolder.base + #", "goal": {"sound": "x.wav", "at": "1"}"#)?.key,
      "goal.sound", "a missing audio file")
    XCTAssertEqual(
      try loadError(ScenarioFolder.base + goal + #", "distractors": [{"sound": "a", "at": "1"}]"#)?
        .key, "distractors[0].at", "two sources in one cell")
    let wordy = ScenarioFolder.base.replacingOccurrences(of: "50", with: "\"ten\"")
    XCTAssertEqual(try loadError(wordy + goal)?.key, "max_steps")
  }

  func testUnreachableGoalIsAnError() throws {
    let walled = "map:\n#######\n#>.#.1#\n#######\n"
    let e = try loadError(
      ScenarioFolder.base + #", "goal": {"sound": "p", "at": "1"}"#, map: walled)
    XCTAssertEqual(e?.key, "goal.at")
    XCTAssertTrue(e?.message.contains("cannot be reached") ?? false)
  }

  func testBadJSONNamesTheFile() throws {
    let folder = try ScenarioFolder()
    let path = try folder.scenario(#""name": "t" "world""#)
    XCTAssertThrowsError(try ScenarioLoader.load(path)) { error in
      XCTAssertEqual(
        "\(error)", path + ":1:14: not valid JSON: expected ',' or '}' in an object")
    }
  }

  func testGeneratedWorlds() throws {
    let folder = try ScenarioFolder()
    let rooms = #"{"generator": "rooms", "width": 21, "height": 17, "rooms": 4, "seed": 3}"#
    let s = try ScenarioLoader.load(try folder.scenario(
      #""name": "g", "world": \#(rooms), "goal": {"sound": "p", "at": "random"},"#
        + #""start": "random", "max_steps": 99, "episodes": 2, "seed": 5"#))
    XCTAssertEqual(s.world.tiles, RoomsGenerator(width: 21, height: 17, rooms: 4, seed: 3)
      .generate().tiles)
    let bad = #"{"generator": "caves", "width": 21, "height": 17, "seed": 3}"#
    let e = try loadError(
      #""name": "g", "world": \#(bad), "goal": {"sound": "p", "at": "random"},"#
        + #""max_steps": 99, "episodes": 2, "seed": 5"#)
    XCTAssertEqual(e?.key, "world.generator")
  }

  func testShippedScenariosLoad() throws {
    let root = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    for suite in ["default", "train", "test-heard", "test-unheard"] {
      let files = ScenarioLoader.scenarioFiles(
        in: [root.appendingPathComponent("scenarios/\(suite)").path])
      XCTAssertFalse(files.isEmpty, suite)
      for file in files { XCTAssertNoThrow(try ScenarioLoader.load(file), file) }
    }
  }
}
