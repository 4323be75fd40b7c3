import EarshotMedia
import EarshotWorld
import XCTest
@testable import EarshotViewer

/// The headless picture: its size, the first-person panel against the sensors' own frame,
/// and the insight bars of an explaining policy.
final class ScreenshotTests: XCTestCase {
  override func setUp() {
    setenv("SDL_VIDEODRIVER", "dummy", 1)
    setenv("SDL_AUDIODRIVER", "dummy", 1)
  }

  func testScreenshotHasTheLayoutsSize() throws {
    let session = try Fixtures.session()
    let (image, warnings) = try Screenshot.render(session)
    XCTAssertEqual(image.width, ViewerLayout.width)
    XCTAssertEqual(image.height, ViewerLayout.height)
    XCTAssertEqual(warnings, [])
  }

  func testFirstPersonPanelIsTheSensorsFrameScaledUp() throws {
    let session = try Fixtures.session(policy: { _ in OraclePolicy() }, name: "oracle")
    for _ in 0..<3 { session.policyStep() }
    let (image, _) = try Screenshot.render(session)

    // The same step observed afresh, as `earshot render` would write it.
    let scenario = try Fixtures.scenario()
    let sensors = try session.suite.sensors(for: session.episode, of: scenario)
    let frame = sensors.observe(session.state).frame.image

    let layout = ViewerLayout()
    let scale = layout.frameScale(for: session.suite.camera)
    XCTAssertEqual(scale, 5)
    let box = layout.frameBox(for: session.suite.camera)
    let panel = crop(image, box)
    XCTAssertEqual(panel.maximumDifference(from: frame.upscaled(by: scale)), 0)
  }

  func testWithoutFontsThePictureIsDrawnAndAWarningGiven() throws {
    let session = try Fixtures.session()
    let (image, warnings) = try Screenshot.render(session, fontFolder: "/nonexistent")
    XCTAssertEqual(image.width, ViewerLayout.width)
    XCTAssertEqual(warnings.count, 1)
    XCTAssertTrue(warnings[0].contains("/nonexistent"), warnings[0])
  }

  func testInsightBarsShowAnExplainingPolicysNumbers() throws {
    let session = try Fixtures.session(
      policy: { _ in FakeExplainingPolicy() }, name: "fake network")
    session.policyStep()
    let (image, _) = try Screenshot.render(session)
    let panel = InsightPanel(session: session, box: ViewerLayout().insight)

    // Forward (60 %) is the chosen action: its bar is filled in the text colour to 60 %.
    let track = panel.actionTrack(Action.forward.rawValue)
    let y = track.y + track.height / 2
    XCTAssertEqual(rgb(image, track.x + track.width * 55 / 100, y), Theme.text)
    XCTAssertNotEqual(rgb(image, track.x + track.width * 65 / 100, y), Theme.text)

    // Vision 25 % from the left, audio the rest.
    let bar = panel.shareBar
    let middle = bar.y + bar.height / 2
    XCTAssertEqual(rgb(image, bar.x + bar.width * 20 / 100, middle), Theme.vision)
    XCTAssertEqual(rgb(image, bar.x + bar.width * 30 / 100, middle), Theme.audio)
  }

  private func crop(_ image: RGBImage, _ box: Box) -> RGBImage {
    var bytes = [UInt8]()
    for row in box.y..<box.maxY {
      let start = (row * image.width + box.x) * 3
      bytes += image.bytes[start..<(start + box.width * 3)]
    }
    return RGBImage(width: box.width, height: box.height, bytes: bytes)
  }

  private func rgb(_ image: RGBImage, _ x: Int, _ y: Int) -> Colour {
    let p = image.pixel(column: x, row: y)
    return Colour(p.red, p.green, p.blue)
  }
}
