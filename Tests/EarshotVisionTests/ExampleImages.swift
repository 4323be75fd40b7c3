import EarshotMedia
import XCTest

@testable import EarshotVision
@testable import EarshotWorld

/// Checks that the README's example images in `docs/images/` are what the
/// renderer draws today; rewrites them only when asked:
/// `EARSHOT_WRITE_EXAMPLES=1 swift test --filter ExampleImages`.
final class ExampleImages: XCTestCase {
  /// Compares `image` with the file at `path`, or writes it there when asked.
  private func check(_ image: RGBImage, _ path: String) throws {
    if ProcessInfo.processInfo.environment["EARSHOT_WRITE_EXAMPLES"] == "1" {
      try PNGFile.write(image, to: path)
    }
    let stored = try PNGFile.read(path)
    XCTAssertEqual(stored.width, image.width, path)
    XCTAssertEqual(stored.height, image.height, path)
    XCTAssertLessThanOrEqual(
      stored.maximumDifference(from: image), 2,
      "\(path) is out of date; EARSHOT_WRITE_EXAMPLES=1 swift test --filter ExampleImages")
  }

  func testExamples() throws {
    let folder = Fixtures.root + "/docs/images"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let (textures, warnings) = TextureSet.load(from: Fixtures.root + "/assets/textures")
    XCTAssertEqual(warnings, [])

    for example in ExampleImages.examples {
      let world = try Fixtures.world(example.map)
      let renderer = try FirstPersonRenderer(
        world: world, settings: CameraSettings(width: 128, height: 128), textures: textures)
      var frame = Frame(settings: renderer.settings)
      renderer.render(pose: example.pose, sources: example.sources, into: &frame)
      try check(frame.image.upscaled(by: 4), folder + "/" + example.name + ".png")
      try check(frame.depthImage().upscaled(by: 4), folder + "/" + example.name + "_depth.png")
      let view = try PartialView(world: world, pose: example.pose, sources: example.sources)
      try check(
        try view.image(textures: textures).upscaled(by: 4),
        folder + "/" + example.name + "_partial.png")
    }
  }

  /// Every shipped sound class's sprite in a row, 4× enlarged: `docs/images/source_looks.png`.
  func testSourceLooks() throws {
    let names = SourceLook.knownClasses
    let side = SourceLook.side, gap = 2
    let width = names.count * (side + gap) + gap, height = side + 2 * gap
    var image = RGBImage(width: width, height: height, red: 72, green: 72, blue: 72)
    for (k, name) in names.enumerated() {
      let look = SourceLook(soundClass: name)
      for v in 0..<side {
        for u in 0..<side where look.mask[v * side + u] {
          let o = ((gap + v) * width + gap + k * (side + gap) + u) * 3
          for c in 0..<3 { image.bytes[o + c] = look.texels[(v * side + u) * 3 + c] }
        }
      }
    }
    try check(image.upscaled(by: 4), Fixtures.root + "/docs/images/source_looks.png")
  }

  struct Example {
    var name: String
    var map: String
    var pose: Pose
    var sources: [PlacedSource]
  }

  static let examples = [
    Example(
      name: "frame_corridor", map: "l_corridor",
      pose: Pose(cell: GridPoint(column: 2, row: 7), heading: .east),
      sources: [Fixtures.source("bell", 6, 7), Fixtures.source("phone", 9, 7)]),
    Example(
      name: "frame_doorway", map: "two_rooms",
      pose: Pose(cell: GridPoint(column: 4, row: 3), heading: .east),
      sources: [Fixtures.source("phone", 9, 3), Fixtures.source("piano", 12, 5)]),
  ]
}
