import EarshotAttribution
import EarshotAudio
import EarshotAutodiff
import EarshotLearning
import Foundation

// The classification test bed of the attribution-balance regularizer: which heard sound
// class does the goal belong to, from one first-person frame and one binaural spectrogram?
// Trains vision-only, audio-only, fused and fused + regularizer classifiers over several
// seeds and reports accuracy on held-out worlds (same noise and louder, unheard noise),
// accuracy with a sense removed, Shapley values, and Integrated Gradients shares.
//
// Usage: earshot-experiments classification [--quick] [--seeds N] [--epochs N]
//        [--learning-rate R] [--train-count N] [--lambdas A,B,...] [--workers N]
//        [--setting TRAIN_DB,LOUD_DB] [--output PATH]
//        earshot-experiments classification --from RESULTS.json [--output PATH]
//        (tables and claims again from saved runs, no training)
//
// Each setting (training noise, louder test noise) is a complete experiment with its own
// snapshots; by default three run: audio nearly sufficient (−50 dBFS), audio degraded
// (−35 dBFS), and audio about as weak as vision (−20 dBFS, as loud as a clip at 1 m).

/// Sizes and settings of one run of the experiment.
struct ClassificationConfig: Codable {
  var trainCount = 2400, validationCount = 600, testCount = 1000
  var trainWorlds = 40, validationWorlds = 10, testWorlds = 20
  /// (training and same-noise test, louder unheard test) noise in dBFS, one per setting.
  var settings: [[Double]] = [[-50, -30], [-35, -25], [-20, -10]]
  var trainNoiseDecibels = -50.0, loudNoiseDecibels = -30.0
  var facingFraction = 0.5
  // 12 epochs at 2e-3: the vision-only classifier, the slowest learner, has levelled off.
  var epochs = 12, batchSize = 32
  var learningRate: Float = 2e-3
  var seeds = 3
  var lambdas: [Float] = [0.01, 0.1, 1]
  var regularizerPoints = 8
  var evaluationPoints = 16
  var inputAttributionSamples = 100
  var workers = 2

  static let quick = ClassificationConfig(
    trainCount: 160, validationCount: 60, testCount: 80, trainWorlds: 8, validationWorlds: 3,
    testWorlds: 4, settings: [[-50, -30]], epochs: 2, seeds: 2, lambdas: [0.1],
    inputAttributionSamples: 10)
}

/// One trained classifier and its evaluations.
struct ClassificationRun: Codable {
  var variant: String
  var seed: UInt64
  var lambda: Float?
  var trainSeconds: Double
  var epochs: [EpochSummary]
  var validation: ClassifierEvaluation
  var testSameNoise: ClassifierEvaluation
  var testLoudNoise: ClassifierEvaluation
}

/// Every setting's report, and the time all of them took.
struct ClassificationResults: Codable {
  var command: String
  var reports: [ClassificationReport]
  var wallSeconds: Double
}

func runClassification(_ arguments: [String]) throws {
  let started = Date()
  var config = arguments.contains("--quick") ? ClassificationConfig.quick : ClassificationConfig()
  var output = "results/classification.json"
  var savedResults: String?
  var k = 0
  while k < arguments.count {
    let flag = arguments[k]
    let value = k + 1 < arguments.count ? arguments[k + 1] : ""
    switch flag {
    case "--quick": k += 1; continue
    case "--seeds": config.seeds = Int(value) ?? config.seeds
    case "--epochs": config.epochs = Int(value) ?? config.epochs
    case "--learning-rate": config.learningRate = Float(value) ?? config.learningRate
    case "--train-count": config.trainCount = Int(value) ?? config.trainCount
    case "--lambdas": config.lambdas = value.split(separator: ",").compactMap { Float($0) }
    case "--workers": config.workers = Int(value) ?? config.workers
    case "--setting":
      let levels = value.split(separator: ",").compactMap { Double($0) }
      guard levels.count == 2 else {
        throw LearningError.badConfig(path: "arguments", key: flag, reason: "give TRAIN_DB,LOUD_DB")
      }
      config.settings = [levels]
    case "--output": output = value
    case "--from": savedResults = value
    default:
      throw LearningError.badConfig(path: "arguments", key: flag, reason: "unknown flag")
    }
    k += 2
  }
  if let savedResults { return try reanalyse(savedResults, output: output) }
  BLAS.setThreadCount(1)

  var reports = [ClassificationReport]()
  for levels in config.settings {
    var setting = config
    (setting.trainNoiseDecibels, setting.loudNoiseDecibels) = (levels[0], levels[1])
    setting.settings = [levels]
    let report = try runSetting(setting)
    print(report.table())
    print("")
    reports.append(report)
  }
  let results = ClassificationResults(
    command: (["swift run -c release earshot-experiments classification"] + arguments)
      .joined(separator: " "),
    reports: reports, wallSeconds: Date().timeIntervalSince(started))
  try FileManager.default.createDirectory(
    at: URL(fileURLWithPath: output).deletingLastPathComponent(),
    withIntermediateDirectories: true)
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
  try encoder.encode(results).write(to: URL(fileURLWithPath: output))
  log("classification: wrote \(output) after \(Int(results.wallSeconds)) s")
}

/// The whole protocol for one noise setting.
func runSetting(_ config: ClassificationConfig) throws -> ClassificationReport {
  let started = Date()
  log("classification: training noise \(config.trainNoiseDecibels) dBFS, "
    + "louder test noise \(config.loudNoiseDecibels) dBFS")

  // Data: disjoint world seeds per split; the loud test set is the same scenes.
  let assets = try ClipLibrary.findAssetsFolder()
  let sensors = try SensorSuite(assetsFolder: assets)
  let classes = try SoundManifest.load(assetsFolder: assets).names(split: "heard")
  func suite(_ name: String, worlds: Range<UInt64>, count: Int, seed: UInt64) -> SnapshotSuite {
    SnapshotSuite(
      name: name, worldSeeds: Array(worlds), count: count, seed: seed, classes: classes,
      backgroundNoiseDecibels: config.trainNoiseDecibels, facingFraction: config.facingFraction)
  }
  let trainSuite = suite("train", worlds: 1000..<(1000 + UInt64(config.trainWorlds)),
                         count: config.trainCount, seed: 1)
  let validationSuite = suite("validation",
                              worlds: 2000..<(2000 + UInt64(config.validationWorlds)),
                              count: config.validationCount, seed: 2)
  let testSuite = suite("test", worlds: 3000..<(3000 + UInt64(config.testWorlds)),
                        count: config.testCount, seed: 3)
  let loudSuite = testSuite.heard(backgroundNoiseDecibels: config.loudNoiseDecibels,
                                  name: "test-loud")
  var datasets = [String: SnapshotDataset]()
  for s in [trainSuite, validationSuite, testSuite, loudSuite] {
    let t = Date()
    datasets[s.name] = try SnapshotDataset.generate(s, sensors: sensors, workers: config.workers)
    log(String(format: "classification: rendered %@ (%d snapshots, goal in view %.0f%%) in %.0f s",
               s.name, s.count, 100 * datasets[s.name]!.visibleFraction,
               Date().timeIntervalSince(t)))
  }
  let dataSeconds = Date().timeIntervalSince(started)
  let train = datasets["train"]!, validation = datasets["validation"]!
  let test = datasets["test"]!, loud = datasets["test-loud"]!

  func run(_ modalities: ClassifierModalities, seed: UInt64, lambda: Float?) throws
    -> ClassificationRun
  {
    let name = lambda == nil ? modalities.rawValue : "fused+reg"
    let model = SnapshotClassifier(
      ClassifierArchitecture(modalities: modalities, classes: classes.count), seed: seed)
    let regularizer = try lambda.map {
      try BalanceRegularizer(weight: $0, points: config.regularizerPoints)
    }
    let training = ClassifierTraining(
      epochs: config.epochs, batchSize: config.batchSize, learningRate: config.learningRate,
      seed: seed, regularizer: regularizer)
    let t = Date()
    let epochs = try model.train(on: train, training) { e in
      log(String(format: "  %@ seed %d λ %@ epoch %d: CE %.3f penalty %.4f train acc %.3f "
                   + "(%.0f s)",
                 name, seed, lambda.map { "\($0)" } ?? "-", e.epoch, e.crossEntropy, e.penalty,
                 e.trainingAccuracy, e.seconds))
    }
    let trainSeconds = Date().timeIntervalSince(t)
    let points = config.evaluationPoints
    let result = ClassificationRun(
      variant: name, seed: seed, lambda: lambda, trainSeconds: trainSeconds, epochs: epochs,
      validation: try model.evaluate(on: validation, points: points, inputSamples: 0),
      testSameNoise: try model.evaluate(on: test, points: points,
                                        inputSamples: config.inputAttributionSamples),
      testLoudNoise: try model.evaluate(on: loud, points: points,
                                        inputSamples: config.inputAttributionSamples))
    log(String(format: "  %@ seed %d: val %.3f test %.3f loud %.3f (%.0f s training)", name,
               seed, result.validation.accuracy, result.testSameNoise.accuracy,
               result.testLoudNoise.accuracy, trainSeconds))
    return result
  }

  // λ is chosen on validation with seed 0, before any test number is looked at; that run
  // is then the regularized variant's seed-0 run.
  var sweep = [(lambda: Float, run: ClassificationRun)]()
  for lambda in config.lambdas {
    sweep.append((lambda, try run(.fused, seed: 0, lambda: lambda)))
  }
  let chosen = sweep.max { a, b in
    a.run.validation.accuracy < b.run.validation.accuracy
      || (a.run.validation.accuracy == b.run.validation.accuracy && a.lambda > b.lambda)
  }!
  log("classification: λ = \(chosen.lambda) chosen on validation")

  var runs = [ClassificationRun]()
  for seed in 0..<UInt64(config.seeds) {
    for modalities in ClassifierModalities.allCases {
      runs.append(try run(modalities, seed: seed, lambda: nil))
    }
    runs.append(seed == 0 ? chosen.run : try run(.fused, seed: seed, lambda: chosen.lambda))
  }

  return ClassificationReport(
    config: config, classes: classes,
    visibleFraction: ["train": train.visibleFraction, "validation": validation.visibleFraction,
                      "test": test.visibleFraction],
    sweep: sweep.map { SweepPoint(lambda: $0.lambda, validationAccuracy: $0.run.validation.accuracy,
                                  validationVariance: $0.run.validation.embeddingVariance) },
    chosenLambda: chosen.lambda, runs: runs,
    sweepRuns: sweep.filter { $0.lambda != chosen.lambda }.map(\.run),
    dataSeconds: dataSeconds, wallSeconds: Date().timeIntervalSince(started))
}

func log(_ line: String) {
  FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Rebuilds the summaries, claims and tables of saved results without training.
func reanalyse(_ path: String, output: String) throws {
  let saved = try JSONDecoder().decode(
    ClassificationResults.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
  var results = saved
  results.reports = saved.reports.map { r in
    ClassificationReport(
      config: r.config, classes: r.classes, visibleFraction: r.visibleFraction, sweep: r.sweep,
      chosenLambda: r.chosenLambda, runs: r.runs, sweepRuns: r.sweepRuns,
      dataSeconds: r.dataSeconds, wallSeconds: r.wallSeconds)
  }
  for report in results.reports { print(report.table() + "\n") }
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
  try encoder.encode(results).write(to: URL(fileURLWithPath: output))
}
