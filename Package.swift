// swift-tools-version:5.9
import PackageDescription

// One library module per concern; dependencies point one way:
// World <- Vision, Audio <- Learning <- Viewer <- CLI, and
// Autodiff <- Attribution <- Learning. Each C library is wrapped once,
// as a system-library target, and called from one Swift module only.
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

    // The grid world, scenarios, the simulation core and its metrics.
    .target(name: "EarshotWorld"),
    // PNG and audio files (SDL_image, libsndfile).
    .target(name: "EarshotMedia", dependencies: ["CSDL2", "CSndfile"]),
    // Egocentric first-person frames, depth and the partial top-down view.
    .target(name: "EarshotVision", dependencies: ["EarshotWorld", "EarshotMedia"]),
    // Clips, propagation, two ears, spectrograms.
    .target(
      name: "EarshotAudio",
      dependencies: ["EarshotWorld", "EarshotMedia", "CFFTW", "CSamplerate"]),
    // Tensors and reverse-mode autodiff with double backpropagation.
    .target(name: "EarshotAutodiff", dependencies: ["COpenBLAS"]),
    // Integrated Gradients and the attribution-balance regularizer.
    .target(name: "EarshotAttribution", dependencies: ["EarshotAutodiff"]),
    // Policy networks, imitation and reinforcement learning.
    .target(
      name: "EarshotLearning",
      dependencies: [
        "EarshotWorld", "EarshotVision", "EarshotAudio", "EarshotAutodiff",
        "EarshotAttribution",
      ]),
    // The SDL window.
    .target(
      name: "EarshotViewer",
      dependencies: ["EarshotWorld", "EarshotVision", "EarshotAudio", "CSDL2"]),
    // Commands, flags, tables and JSON output.
    .target(
      name: "EarshotCLI",
      dependencies: [
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

    .testTarget(name: "EarshotWorldTests", dependencies: ["EarshotWorld"]),
    .testTarget(name: "EarshotAutodiffTests", dependencies: ["EarshotAutodiff"]),
    .testTarget(name: "EarshotCLITests", dependencies: ["EarshotCLI", "EarshotWorld"]),
  ]
)
