import EarshotAudio
import EarshotVision
import EarshotWorld
import XCTest

@testable import EarshotLearning

/// Sensors shared by the classification tests (loading clips once).
let classificationSensors: SensorSuite = {
  let assets = try! ClipLibrary.findAssetsFolder(from: #filePath)
  return try! SensorSuite(assetsFolder: assets)
}()

/// A small suite over four heard classes.
func tinySuite(count: Int = 8, seed: UInt64 = 7, facing: Double = 0.5) -> SnapshotSuite {
  SnapshotSuite(
    name: "tiny", worldSeeds: [11, 12, 13], count: count, seed: seed,
    classes: ["phone", "bell", "canary", "trumpet"], backgroundNoiseDecibels: -50,
    facingFraction: facing)
}

final class ClassificationDatasetTests: XCTestCase {
  func testGenerationIsDeterministicInItsSeed() throws {
    let suite = tinySuite()
    let a = try SnapshotDataset.generate(suite, sensors: classificationSensors, workers: 1)
    let b = try SnapshotDataset.generate(suite, sensors: classificationSensors, workers: 2)
    XCTAssertEqual(a.labels, b.labels)
    XCTAssertEqual(a.frames, b.frames)
    XCTAssertEqual(a.spectrograms, b.spectrograms)
    XCTAssertEqual(a.goalVisible, b.goalVisible)

    var other = suite
    other.seed = 8
    let c = try SnapshotDataset.generate(other, sensors: classificationSensors)
    XCTAssertNotEqual(a.frames, c.frames)
    XCTAssertNotEqual(a.spectrograms, c.spectrograms)
  }

  func testLabelsAreTheGoalsClassAndInputsComeFromItsScene() throws {
    let suite = tinySuite(count: 12)
    let data = try SnapshotDataset.generate(suite, sensors: classificationSensors)
    XCTAssertEqual(Set(data.labels).count > 1, true, "12 draws over 4 classes vary")
    for i in 0..<data.count {
      let scene = try suite.scene(i)
      XCTAssertEqual(suite.classes[data.labels[i]], scene.episode.goal.spec.sound)
      XCTAssertEqual(scene.label, data.labels[i])
      XCTAssertEqual(scene.facing, data.facing[i])

      let renderer = try FirstPersonRenderer(
        world: scene.scenario.world, settings: classificationSensors.camera,
        textures: classificationSensors.textures)
      var frame = Frame(settings: classificationSensors.camera)
      renderer.render(pose: scene.pose, sources: scene.episode.sources, into: &frame)
      var expected = [Float]()
      ObservationTensors.appendFrame(frame, to: &expected)
      let size = expected.count
      XCTAssertEqual(Array(data.frames[(i * size)..<((i + 1) * size)]), expected, "frame \(i)")
    }
  }

  func testFacingPosesShowTheGoalAndLouderNoiseKeepsTheScenes() throws {
    let facing = try SnapshotDataset.generate(
      tinySuite(count: 16, facing: 1), sensors: classificationSensors, workers: 2)
    XCTAssertGreaterThanOrEqual(facing.goalVisible.count { $0 }, 14)
    XCTAssertEqual(facing.facing.count { $0 }, 16)

    let quiet = tinySuite(count: 6)
    let loud = quiet.heard(backgroundNoiseDecibels: -30, name: "loud")
    let a = try SnapshotDataset.generate(quiet, sensors: classificationSensors)
    let b = try SnapshotDataset.generate(loud, sensors: classificationSensors)
    XCTAssertEqual(a.labels, b.labels)
    XCTAssertEqual(a.frames, b.frames)
    // Louder noise raises the quietest parts of the spectrogram.
    let meanA = a.spectrograms.reduce(0, +) / Float(a.spectrograms.count)
    let meanB = b.spectrograms.reduce(0, +) / Float(b.spectrograms.count)
    XCTAssertGreaterThan(meanB, meanA + 0.2)
  }

  func testBatchCopiesTheRightSnapshots() throws {
    let data = try SnapshotDataset.generate(tinySuite(count: 5), sensors: classificationSensors)
    let batch = data.batch([3, 1])
    XCTAssertEqual(batch.frames.shape, [2, 3, 64, 64])
    XCTAssertEqual(batch.spectrograms.shape, [2, 2, 65, 61])
    XCTAssertEqual(batch.labels, [data.labels[3], data.labels[1]])
    let size = 2 * 65 * 61
    XCTAssertEqual(Array(batch.spectrograms.scalars[0..<size]),
                   Array(data.spectrograms[(3 * size)..<(4 * size)]))
  }
}
