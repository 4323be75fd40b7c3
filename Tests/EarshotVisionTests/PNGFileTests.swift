import EarshotMedia
import EarshotVision
import XCTest

final class PNGFileTests: XCTestCase {
  func testWriteThenReadGivesTheSameBytes() throws {
    let folder = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var bytes = [UInt8](repeating: 0, count: 5 * 3 * 3)
    for i in bytes.indices { bytes[i] = UInt8(i * 37 % 256) }
    let image = RGBImage(width: 5, height: 3, bytes: bytes)

    try PNGFile.write(image, to: folder + "/a.png")
    XCTAssertEqual(try PNGFile.read(folder + "/a.png"), image)
    // Only the file itself remains: the temporary one was renamed.
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["a.png"])
  }

  func testWritingIntoAMissingFolderThrows() {
    let image = RGBImage(width: 1, height: 1, red: 1, green: 2, blue: 3)
    XCTAssertThrowsError(try PNGFile.write(image, to: "/nonexistent/folder/a.png")) {
      guard case PNGError.cannotWrite = $0 else { return XCTFail("\($0)") }
    }
  }

  func testReadingAMissingFileThrows() {
    XCTAssertThrowsError(try PNGFile.read("/nonexistent/a.png")) {
      guard case PNGError.cannotRead = $0 else { return XCTFail("\($0)") }
    }
  }

  func testDepthImageIsLinearToAFixedRange() {
    var frame = Frame(width: 3, height: 1)
    frame.depth = [0, 8, 20]
    let image = frame.depthImage(maximumDepth: 16)
    XCTAssertEqual(image.bytes, [255, 255, 255, 128, 128, 128, 0, 0, 0])
  }
}
