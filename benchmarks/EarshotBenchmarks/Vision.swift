import EarshotVision
import EarshotWorld
import Foundation

/// First-person frames per second: 64×64 and 128×128, one thread and every core.
///
/// Usage: `earshot-benchmarks vision [SCENARIO.json] [SECONDS]` (default
/// `scenarios/default/apartment_alarm.json`, 1 s per measurement). Poses cycle through
/// every open cell and heading of the scenario's world; sources are episode 0's.
/// Each worker renders into its own preallocated frame, as a training loop would.
func visionBenchmark(_ arguments: [String]) {
  let scenarioPath = arguments.first ?? "scenarios/default/apartment_alarm.json"
  let seconds = arguments.count > 1 ? Double(arguments[1]) ?? 1 : 1
  let episode: Episode
  do {
    episode = try Episode(scenario: ScenarioLoader.load(scenarioPath), index: 0)
  } catch {
    FileHandle.standardError.write("vision: \(error)\n".data(using: .utf8)!)
    exit(1)
  }
  let world = episode.world
  let poses = (0..<(world.width * world.height)).filter { world.openCells[$0] }
    .flatMap { i in Heading.allCases.map { Pose(cell: world.cell(at: i), heading: $0) } }
  let (textures, _) = TextureSet.load(from: "assets/textures")
  let cores = usableCores()

  print("world \(world.name) (\(world.width)×\(world.height)), \(poses.count) poses, "
    + "\(episode.sources.count) sources, \(cores) cores")
  // Wall-clock rates suffer when other processes share the cores; the rate per
  // CPU-second (each thread's own CPU time) is what one core can do.
  print("size     threads   frames/s (wall)   frames per CPU-second   µs per frame (CPU)")
  for side in [64, 128] {
    let renderer = try! FirstPersonRenderer(
      world: world, settings: CameraSettings(width: side, height: side), textures: textures)
    for threads in Set([1, cores]).sorted() {
      let rate = measure(renderer, poses, episode.sources, threads, seconds)
      print(
        "\(side)×\(side)".padding(toLength: 9, withPad: " ", startingAt: 0)
          + String(format: "%7d   %15.0f   %21.0f   %18.2f", threads, rate.wall, rate.perCPU,
            1e6 / rate.perCPU))
    }
  }

  // The top-down partial view, as MiniGrid's RGBImgPartialObsWrapper draws it (7×7
  // cells, 8 px a tile); it allocates per view, unlike the frames.
  let cpuStart = threadCPUSeconds()
  var views = 0, i = 0
  while threadCPUSeconds() - cpuStart < seconds {
    let view = try! PartialView(world: world, pose: poses[i], sources: episode.sources)
    _ = try! view.image(tileSize: 8)
    views += 1
    i = (i + 1) % poses.count
  }
  let rate = Double(views) / (threadCPUSeconds() - cpuStart)
  print(String(format: "partial 7×7 view, symbolic + 56×56 RGB: %.0f per CPU-second", rate))
}

/// Frames per second of wall-clock time, and per second of the threads' CPU time, over
/// `seconds` of rendering on `threads` threads.
private func measure(
  _ renderer: FirstPersonRenderer, _ poses: [Pose], _ sources: [PlacedSource],
  _ threads: Int, _ seconds: Double
) -> (wall: Double, perCPU: Double) {
  // Warm caches and the looks table before timing.
  var warm = Frame(settings: renderer.settings)
  for pose in poses.prefix(64) { renderer.render(pose: pose, sources: sources, into: &warm) }

  let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: threads)
  let cpuSeconds = UnsafeMutableBufferPointer<Double>.allocate(capacity: threads)
  defer {
    counts.deallocate()
    cpuSeconds.deallocate()
  }
  nonisolated(unsafe) let shared = counts, sharedCPU = cpuSeconds
  let start = DispatchTime.now().uptimeNanoseconds
  let deadline = start + UInt64(seconds * 1e9)
  DispatchQueue.concurrentPerform(iterations: threads) { worker in
    var frame = Frame(settings: renderer.settings)
    var n = 0, i = worker
    let cpuStart = threadCPUSeconds()
    while true {
      // Check the clock every 256 frames, so that reading it costs nothing measurable.
      for _ in 0..<256 {
        renderer.render(pose: poses[i], sources: sources, into: &frame)
        i = i + 1 == poses.count ? 0 : i + 1
      }
      n += 256
      if DispatchTime.now().uptimeNanoseconds >= deadline { break }
    }
    shared[worker] = n
    sharedCPU[worker] = threadCPUSeconds() - cpuStart
  }
  let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  let frames = Double(counts.reduce(0, +))
  return (frames / elapsed, frames / cpuSeconds.reduce(0, +))
}

/// CPU time the calling thread has used, in seconds.
private func threadCPUSeconds() -> Double {
  var time = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
  return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}
