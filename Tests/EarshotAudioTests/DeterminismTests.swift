import Dispatch
import EarshotWorld
import XCTest

@testable import EarshotAudio

/// The same episode and actions give the same samples, bit for bit, on any number of threads.
final class DeterminismTests: XCTestCase {
  func render(_ episodes: [Episode], workers: Int, clips: ClipLibrary) -> [[AudioBlock]] {
    var results = [[AudioBlock]](repeating: [], count: episodes.count)
    let lock = NSLock()
    let acoustics = AcousticSettings(backgroundNoiseDecibels: -50, reverberation: true)
    let actions: [Action] = [.forward, .left, .forward, .right, .right, .forward]
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      for i in stride(from: worker, to: episodes.count, by: workers) {
        let audio = try! EpisodeAudio(
          episode: episodes[i], acoustics: acoustics, clips: clips, settings: AudioSettings())
        var state = AgentState(start: episodes[i])
        var blocks = [audio.observe(pose: state.pose, step: 0)]
        for (k, action) in actions.enumerated() {
          state.step(action, in: episodes[i])
          blocks.append(audio.observe(pose: state.pose, step: k + 1))
        }
        lock.lock()
        results[i] = blocks
        lock.unlock()
      }
    }
    return results
  }

  func testIdenticalAcrossRunsAndWorkerCounts() throws {
    let world = RoomsGenerator(width: 15, height: 11, rooms: 3, seed: 5).generate()
    let scenario = Scenario(
      name: "determinism", world: world,
      goal: SourceSpec(sound: "noise", placement: .random),
      distractors: [
        SourceSpec(sound: "hum", placement: .random, gainDecibels: -6),
        SourceSpec(sound: "chirp", placement: .random, mode: .intermittent),
      ],
      start: .random, maxSteps: 50, episodes: 4, seed: 9)
    let episodes = try (0..<4).map { try Episode(scenario: scenario, index: $0) }
    let one = render(episodes, workers: 1, clips: noiseLibrary())
    let two = render(episodes, workers: 2, clips: noiseLibrary())
    let again = render(episodes, workers: 1, clips: noiseLibrary())
    XCTAssertEqual(one, two)
    XCTAssertEqual(one, again)
    XCTAssertTrue(one.allSatisfy { $0.count == 7 && $0.allSatisfy { $0.count == 4000 } })
    XCTAssertGreaterThan(one[0][1].rms.left, 0)
  }

  func testBlocksJoinWithoutClicksWhenTurning() throws {
    let e = try episode(map: openRoom(), at: GridPoint(column: 7, row: 11))
    let audio = try EpisodeAudio(
      episode: e, acoustics: dryAcoustics, clips: noiseLibrary(), settings: AudioSettings())
    let centre = GridPoint(column: 11, row: 11)
    let a = audio.observe(pose: Pose(cell: centre, heading: .north), step: 0)
    let b = audio.observe(pose: Pose(cell: centre, heading: .east), step: 1)
    // The join is no bigger a step than the noise makes anywhere inside a block.
    let join = abs(b.left[0] - a.left[3999])
    let largest = zip(a.left.dropFirst(), a.left).map { abs($0 - $1) }.max()!
    XCTAssertLessThanOrEqual(join, largest)
  }
}
