import XCTest
@testable import EarshotAudio
final class AudioPlaceholderTests: XCTestCase { func testNothing() {} }
