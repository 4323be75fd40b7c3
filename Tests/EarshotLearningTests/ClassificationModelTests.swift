import EarshotAttribution
import EarshotAutodiff
import XCTest

@testable import EarshotLearning

final class ClassificationModelTests: XCTestCase {
  func testEmbeddingsAndHeadReproduceTheLayeredForwardPass() throws {
    var architecture = ClassifierArchitecture(modalities: .fused, classes: 4)
    architecture.embedding = 8
    let model = SnapshotClassifier(architecture, seed: 3)
    var rng = SplitMix64(seed: 5)
    let frames = Tensor.randomUniform([3, 3, 64, 64], lower: 0, upper: 1, using: &rng)
    let spectrograms = Tensor.randomNormal([3, 2, 65, 61], mean: 0, standardDeviation: 1,
                                           using: &rng)
    let logits = try withGradientRecording(false) {
      try model.logits(model.inputs(frames: frames, spectrograms: spectrograms))
    }
    XCTAssertEqual(logits.shape, [3, 4])

    // The layers by hand, one sample at a time.
    for b in 0..<3 {
      let frame = try frames.slice(alongAxis: 0, b..<(b + 1))
      let spectrogram = try spectrograms.slice(alongAxis: 0, b..<(b + 1))
      let joined = try Tensor.concatenated(
        [model.vision!(frame), model.audio!(spectrogram)], alongAxis: 1)
      let row = try model.output(model.hidden(joined).relu())
      for c in 0..<4 { XCTAssertEqual(row[0, c], logits[b, c], accuracy: 1e-4) }
    }

    // Attributing at the embeddings evaluates the head on them: F(x) is the logit, and the
    // attributions add up to F(x) − F(0) up to quadrature error (the head is piecewise
    // linear, so Gauss–Legendre is not exact).
    let ig = try IntegratedGradients(rule: .gaussLegendre, points: 32)
    let attribution = try ig.attribute(
      model, inputs: model.inputs(frames: frames, spectrograms: spectrograms),
      target: .logit(classes: [0, 1, 2]), space: .embeddings)
    for b in 0..<3 { XCTAssertEqual(attribution.targetAtInput[b], logits[b, b], accuracy: 1e-4) }
    XCTAssertLessThan(attribution.maxCompletenessError, 0.02)
    XCTAssertEqual(attribution.values.map(\.shape), [[3, 8], [3, 8]])
    // vision: 2 convolutions and a linear layer; audio: 3 and 1; head: 2 linear layers.
    XCTAssertEqual(model.parameters.count, 2 * (3 + 4 + 2))
  }

  func testUnimodalClassifiersTakeOneInput() throws {
    for modalities in [ClassifierModalities.vision, .audio] {
      let model = SnapshotClassifier(ClassifierArchitecture(modalities: modalities, classes: 3),
                                     seed: 1)
      let inputs = model.inputs(frames: .zeros([2, 3, 64, 64]),
                                spectrograms: .zeros([2, 2, 65, 61]))
      XCTAssertEqual(inputs.count, 1)
      XCTAssertEqual(try model.embeddings(inputs)[0].shape, [2, 32])
      XCTAssertEqual(try model.logits(inputs).shape, [2, 3])
    }
  }

  func testTinyTrainingBeatsChanceOnItsTrainingData() throws {
    let data = try SnapshotDataset.generate(
      tinySuite(count: 48, seed: 21), sensors: classificationSensors, workers: 2)
    var architecture = ClassifierArchitecture(modalities: .fused, classes: 4)
    architecture.embedding = 16
    let model = SnapshotClassifier(architecture, seed: 2)
    let regularizer = try BalanceRegularizer(weight: 0.1, points: 4)
    let log = try model.train(
      on: data, ClassifierTraining(epochs: 12, batchSize: 16, learningRate: 3e-3, seed: 1,
                                   regularizer: regularizer))
    XCTAssertEqual(log.count, 12)
    XCTAssertNotNil(log.last?.shares)
    XCTAssertLessThan(log.last!.crossEntropy, log.first!.crossEntropy)
    let evaluation = try model.evaluate(on: data, points: 8, inputSamples: 4)
    // Chance is 0.25.
    XCTAssertGreaterThan(evaluation.accuracy, 0.6)
    XCTAssertEqual(evaluation.inputSamples, 4)
    XCTAssertEqual(evaluation.embeddingShares?.count, 2)
    XCTAssertEqual(Double(evaluation.shapleyVision + evaluation.shapleyAudio),
                   evaluation.accuracy - evaluation.accuracyBothRemoved, accuracy: 1e-9)
  }
}
