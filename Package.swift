// swift-tools-version:5.9
import PackageDescription

// One library module per concern; dependencies point one way:
// World <- Vision, Audio <- Learning <- Viewer <- CLI, and
// Autodiff <- Attribution <- Learning. Each C library is wrapped once,
// as a system-library target, and called from one Swift module only.
/// A library module; its README.md is documentation, not a source.
func module(_ name: String, _ dependencies: [Target.Dependency] = []) -> Target {
  .target(name: name, dependencies: dependencies, exclude: ["README.md"])
}

let package = Package(
  name: "Earshot",
  products: [
    .executable(name: "earshot", targets: ["earshot"]),
    .library(name: "EarshotWorld", targets: ["EarshotWorld"]),
    .library(name: "EarshotAutodiff", targets: ["EarshotAutodiff"]),
  ],
  targets: [
    // C libraries (Debian packages), each behind a module map.
    .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS"),
    .systemLibrary(name: "CFFTW", path: "Sources/CFFTW"),
    .systemLibrary(name: "CSndfile", path: "Sources/CSndfile"),
    .systemLibrary(name: "CSamplerate", path: "Sources/CSamplerate"),
    .systemLibrary(name: "CSDL2", path: "Sources/CSDL2"),
    // glibc's malloc.h (no library to link): the allocator's settings.
    .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),

    // The one seeded random number generator everything draws from.
    module("EarshotRandom"),
    // The grid world, scenarios, the simulation core and its metrics.
    module("EarshotWorld", ["EarshotRandom"]),
    // PNG and audio files (SDL_image, libsndfile).
    module("EarshotMedia", ["CSDL2", "CSndfile"]),
    // Egocentric first-person frames, depth and the partial top-down view.
    module("EarshotVision", ["EarshotWorld", "EarshotMedia"]),
    // Clips, propagation, two ears, spectrograms.
    module("EarshotAudio", ["EarshotWorld", "EarshotMedia", "CFFTW", "CSamplerate"]),
    // Tensors and reverse-mode autodiff with double backpropagation.
    module("EarshotAutodiff", ["EarshotRandom", "COpenBLAS", "CMalloc"]),
    // Integrated Gradients and the attribution-balance regularizer.
    module("EarshotAttribution", ["EarshotAutodiff"]),
    // Policy networks, imitation and reinforcement learning.
    module("EarshotLearning", [
        "EarshotWorld", "EarshotVision", "EarshotAudio", "EarshotAutodiff",
        "EarshotAttribution",
      ]),
    // The SDL window.
    module(
      "EarshotViewer",
      [
        "EarshotWorld", "EarshotMedia", "EarshotVision", "EarshotAudio", "EarshotLearning",
        "CSDL2",
      ]),
    // Commands, flags, tables and JSON output.
    module("EarshotCLI", [
        "EarshotWorld", "EarshotVision", "EarshotAudio", "EarshotAutodiff",
        "EarshotAttribution", "EarshotLearning", "EarshotViewer",
      ]),
    .executableTarget(name: "earshot", dependencies: ["EarshotCLI"]),
    // Speed measurements, run in release builds: `make bench-NAME`.
    .executableTarget(
      name: "earshot-benchmarks",
      dependencies: [
        "EarshotWorld", "EarshotVision", "EarshotAudio", "EarshotAutodiff",
        "EarshotAttribution", "EarshotLearning",
      ],
      path: "benchmarks/EarshotBenchmarks"),
    // Experiments whose numbers the README reports: `earshot-experiments NAME`.
    .executableTarget(
      name: "earshot-experiments",
      dependencies: [
        "EarshotWorld", "EarshotVision", "EarshotAudio", "EarshotAutodiff",
        "EarshotAttribution", "EarshotLearning",
      ],
      path: "experiments/EarshotExperiments"),

    .testTarget(name: "EarshotWorldTests", dependencies: ["EarshotWorld"]),
    // Shared by tests: the JAX reference runner and the built `earshot` binary.
    .target(
      name: "EarshotTestSupport", dependencies: ["EarshotAutodiff"],
      path: "Tests/EarshotTestSupport"),
    .testTarget(
      name: "EarshotAutodiffTests", dependencies: ["EarshotAutodiff", "EarshotTestSupport"]),
    .testTarget(
      name: "EarshotAttributionTests",
      dependencies: ["EarshotAttribution", "EarshotAutodiff", "EarshotTestSupport"]),
    .testTarget(
      name: "EarshotVisionTests", dependencies: ["EarshotVision", "EarshotWorld", "EarshotMedia"],
      exclude: ["Golden"]),
    .testTarget(
      name: "EarshotAudioTests", dependencies: ["EarshotAudio", "EarshotWorld", "EarshotMedia"]),
    .testTarget(
      name: "EarshotLearningTests",
      dependencies: ["EarshotLearning", "EarshotWorld", "EarshotAutodiff", "EarshotAttribution"]),
    .testTarget(
      name: "EarshotViewerTests",
      dependencies: [
        "EarshotViewer", "EarshotWorld", "EarshotMedia", "EarshotLearning", "CSDL2",
        "EarshotTestSupport",
      ]),
    .testTarget(
      name: "EarshotCLITests", dependencies: ["EarshotCLI", "EarshotWorld", "EarshotTestSupport"]),
  ]
)
