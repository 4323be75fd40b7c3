import XCTest
@testable import EarshotVision
final class VisionPlaceholderTests: XCTestCase { func testNothing() {} }
