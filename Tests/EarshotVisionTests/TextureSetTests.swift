import EarshotMedia
import XCTest

@testable import EarshotVision
@testable import EarshotWorld

final class TextureSetTests: XCTestCase {
  static let folder = Fixtures.root + "/assets/textures"

  /// `EARSHOT_REGENERATE_TEXTURES=1 swift test --filter TextureSetTests` rewrites
  /// `assets/textures/` from `MaterialTexture`; otherwise the files must match it.
  func testCommittedTexturesMatchTheGenerator() throws {
    if ProcessInfo.processInfo.environment["EARSHOT_REGENERATE_TEXTURES"] == "1" {
      try FileManager.default.createDirectory(
        atPath: TextureSetTests.folder, withIntermediateDirectories: true)
      for name in Material.names {
        try PNGFile.write(
          MaterialTexture.generate(material: name),
          to: TextureSetTests.folder + "/" + name + ".png")
      }
    }
    let (textures, warnings) = TextureSet.load(from: TextureSetTests.folder)
    XCTAssertEqual(warnings, [])
    for name in Material.names {
      XCTAssertEqual(textures.textures[name], MaterialTexture.generate(material: name), name)
    }
  }

  func testMissingFolderGivesOneWarningAndFlatColours() {
    let (textures, warnings) = TextureSet.load(from: "/nonexistent/textures")
    XCTAssertEqual(warnings.count, 1)
    XCTAssertTrue(textures.textures.isEmpty)
    let brick = Palette.colour(ofMaterial: "brick")
    XCTAssertTrue(textures.texel(material: "brick", u: 3, v: 3) == brick)
  }

  func testUnreadableTextureFallsBackWithOneWarning() throws {
    let folder = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    for name in Material.names where name != "wood" && name != "glass" {
      try PNGFile.write(MaterialTexture.generate(material: name), to: folder + "/" + name + ".png")
    }
    try Data("not a png".utf8).write(to: URL(fileURLWithPath: folder + "/glass.png"))

    let (textures, warnings) = TextureSet.load(from: folder)
    XCTAssertEqual(warnings.count, 2)
    XCTAssertTrue(warnings[0].contains("wood"), warnings[0])
    XCTAssertTrue(warnings[1].contains("glass"), warnings[1])
    XCTAssertNil(textures.textures["wood"])
    XCTAssertNotNil(textures.textures["brick"])
    // The renderer still works with the gaps.
    let world = try Fixtures.world("apartment")
    XCTAssertNoThrow(try FirstPersonRenderer(world: world, textures: textures))
  }

  func testOtherSizesAreResampled() {
    let big = MaterialTexture.generate(material: "brick", side: 64)
    let set = TextureSet(textures: ["brick": big])
    XCTAssertEqual(set.textures["brick"]?.width, TextureSet.side)
  }
}
