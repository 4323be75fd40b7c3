import CSDL2
import EarshotWorld
import XCTest
@testable import EarshotViewer

/// Key presses pushed into SDL's own event queue, as a window would receive them.
final class EventPumpTests: XCTestCase {
  override func setUpWithError() throws {
    setenv("SDL_VIDEODRIVER", "dummy", 1)
    XCTAssertEqual(SDL_Init(UInt32(SDL_INIT_EVENTS)), 0, String(cString: SDL_GetError()))
  }

  override func tearDown() {
    SDL_Quit()
  }

  private func press(_ key: SDL_KeyCode, into session: ViewerSession) throws
    -> EventPump.Outcome
  {
    var event = EventPump.keyDown(KeyMap.code(key))
    XCTAssertEqual(SDL_PushEvent(&event), 1, String(cString: SDL_GetError()))
    return try EventPump.drain(into: session)
  }

  func testWMovesOneCellForwardAndATurnsLeft() throws {
    let session = try Fixtures.session()
    let start = session.state.pose
    // Face a way that is open, so that W must move the agent.
    var heading = start.heading
    var turns = 0
    while !session.episode.passable[session.episode.world.index(
      of: start.cell.moved(heading))]
    {
      heading = heading.left
      turns += 1
    }
    for _ in 0..<turns { _ = try press(SDLK_a, into: session) }
    XCTAssertEqual(session.state.pose.heading, heading)

    let outcome = try press(SDLK_w, into: session)
    XCTAssertTrue(outcome.redraw)
    XCTAssertEqual(session.state.pose, Pose(cell: start.cell.moved(heading), heading: heading))
    XCTAssertEqual(session.step, turns + 1)

    _ = try press(SDLK_LEFT, into: session)
    XCTAssertEqual(session.state.pose.heading, heading.left)
    _ = try press(SDLK_d, into: session)
    XCTAssertEqual(session.state.pose.heading, heading)
  }

  func testSpaceStopsAndEndsTheEpisode() throws {
    let session = try Fixtures.session()
    _ = try press(SDLK_SPACE, into: session)
    XCTAssertTrue(session.state.done)
    XCTAssertEqual(session.lastAction, .stop)
    XCTAssertFalse(session.state.success, "the start is not next to the goal")
    let outcome = try press(SDLK_r, into: session)
    XCTAssertTrue(outcome.restarted)
    XCTAssertFalse(session.state.done)
  }

  func testPolicyKeysAndEscape() throws {
    let session = try Fixtures.session(policy: { _ in OraclePolicy() }, name: "oracle")
    _ = try press(SDLK_SPACE, into: session)
    XCTAssertTrue(session.paused)
    _ = try press(SDLK_n, into: session)
    XCTAssertEqual(session.step, 1)
    _ = try press(SDLK_EQUALS, into: session)
    XCTAssertEqual(session.speed, 8)
    _ = try press(SDLK_TAB, into: session)
    XCTAssertEqual(session.viewMode, .partialMap)
    XCTAssertTrue(try press(SDLK_ESCAPE, into: session).quit)

    var quit = SDL_Event()
    quit.type = SDL_QUIT.rawValue
    SDL_PushEvent(&quit)
    XCTAssertTrue(try EventPump.drain(into: session).quit)
  }

  func testHeldKeysDoNotRepeat() throws {
    let session = try Fixtures.session()
    var event = EventPump.keyDown(KeyMap.code(SDLK_a))
    event.key.repeat = 1
    SDL_PushEvent(&event)
    _ = try EventPump.drain(into: session)
    XCTAssertEqual(session.step, 0)
  }

  func testKeyMapByMode() {
    XCTAssertEqual(KeyMap.command(for: KeyMap.code(SDLK_UP), policyDriven: false),
                   .act(.forward))
    XCTAssertNil(KeyMap.command(for: KeyMap.code(SDLK_UP), policyDriven: true))
    XCTAssertEqual(KeyMap.command(for: KeyMap.code(SDLK_SPACE), policyDriven: true),
                   .togglePause)
    XCTAssertEqual(KeyMap.command(for: KeyMap.code(SDLK_MINUS), policyDriven: true), .slower)
    XCTAssertEqual(KeyMap.command(for: KeyMap.code(SDLK_m), policyDriven: false), .toggleMute)
    XCTAssertNil(KeyMap.command(for: KeyMap.code(SDLK_z), policyDriven: false))
  }
}
