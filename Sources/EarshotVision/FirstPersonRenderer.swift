import EarshotWorld
import Foundation

/// Draws what the agent sees: a raycaster through the grid of one world.
///
/// Geometry, in cells (a cell is `world.cellSize` metres): walls are one cell high, the
/// camera stands at the centre of the agent's cell at half the wall height and looks
/// along its heading. Each column casts one ray through the grid (DDA); the wall it
/// meets fills `focalLength / distance` rows around the horizon, the floor and ceiling
/// fill the rest. A doorway cell is floor with a lintel over it, from 0.8 to 1 cell
/// high; its side walls (jambs) and the wall strips beside it are drawn in the
/// door-frame colour. Sound sources are sprites 0.6 cell square, centred on their cell
/// at camera height, facing the camera, hidden by whatever is nearer in the depth map.
/// Colours darken with distance by `1 / (1 + distance / 8 cells)`; faces that look east
/// or west are a further 20 % darker, so that corners read.
///
/// The renderer is immutable once made; any number of threads may render at once.
public final class FirstPersonRenderer: @unchecked Sendable {
  /// The world drawn.
  public let world: World
  /// Picture size and field of view.
  public let settings: CameraSettings
  /// Focal length in pixels, the same horizontally and vertically.
  public let focalLength: Double

  /// Side of a source sprite, in cells.
  public static let spriteSize = 0.6
  /// Height of a lintel's underside above the floor, in cells.
  public static let lintelHeight = 0.8
  /// Distance, in cells, at which colours are shaded to half brightness.
  public static let shadingDistance = 8.0

  /// Padded grid, one byte a cell: 0 floor, 1 doorway, 2 + material index for walls.
  /// A ring of wall around the map makes every ray stop without bounds checks.
  let cells: UnsafeMutablePointer<UInt8>
  let paddedWidth: Int
  /// Wall textures, one slot per material and one for door frames; each slot stores
  /// `side` columns of `side` texels, so that a screen column reads one texture column.
  /// A texel is 4 bytes in memory order (0, red, green, blue), shaded 8 bytes at a time.
  let wallTexels: UnsafeMutablePointer<UInt8>
  let frameSlot: Int
  /// Ceiling above the horizon and floor below it, a whole frame: RGB and metres.
  let backgroundColour: UnsafeMutablePointer<UInt8>
  let backgroundDepth: UnsafeMutablePointer<Float>
  /// The background's blue byte per screen row (the same in every column).
  let backgroundBlue: UnsafeMutablePointer<UInt8>
  /// Per screen row above the horizon: distance in cells to the plane of lintel
  /// undersides, and its shade in 256ths (darkened, as a face turned down).
  let undersideDistance: UnsafeMutablePointer<Float>
  let undersideShade: UnsafeMutablePointer<Int>
  /// Per screen column: the ray's sideways component, `tan(fov/2) × (2 (x + ½) / w − 1)`.
  let rayLateral: UnsafeMutablePointer<Float>
  let looks: [String: SourceLook]
  /// `world.cellSize` in the hot path's precision.
  let cellSize: Float

  /// A renderer for `world` with the given camera and wall textures.
  ///
  /// Prepares per-world tables once: the grid, texture columns, the background per
  /// row, and the looks of `soundClasses` (other classes work too, a little slower).
  ///
  /// - Throws: `VisionError` when `settings` cannot make a picture.
  /// - Complexity: O(world cells + width + height + materials).
  public init(
    world: World, settings: CameraSettings = CameraSettings(), textures: TextureSet = .flat,
    soundClasses: [String] = SourceLook.knownClasses
  ) throws {
    try settings.validate()
    self.world = world
    self.settings = settings
    self.focalLength = settings.focalLength

    paddedWidth = world.width + 2
    let paddedCount = paddedWidth * (world.height + 2)
    cells = .allocate(capacity: paddedCount)
    cells.initialize(repeating: 2, count: paddedCount)
    for row in 0..<world.height {
      for column in 0..<world.width {
        let code: UInt8
        switch world[GridPoint(column: column, row: row)] {
        case .floor: code = 0
        case .doorway: code = 1
        case .wall(let material): code = UInt8(2 + min(material, 250))
        }
        cells[(row + 1) * paddedWidth + column + 1] = code
      }
    }

    let side = TextureSet.side
    let materialCount = min(world.materials.count, 251)
    frameSlot = materialCount
    wallTexels = .allocate(capacity: (materialCount + 1) * side * side * 4)
    for slot in 0...materialCount {
      let name = slot < materialCount ? world.materials[slot].name : ""
      for u in 0..<side {
        for v in 0..<side {
          let c = slot < materialCount
            ? textures.texel(material: name, u: u, v: v) : Palette.doorFrame
          let i = ((slot * side + u) * side + v) * 4
          wallTexels[i] = 0
          wallTexels[i + 1] = c.red
          wallTexels[i + 2] = c.green
          wallTexels[i + 3] = c.blue
        }
      }
    }

    let width = settings.width, height = settings.height
    let focal = Float(focalLength), cell = Float(world.cellSize)
    // Whole frames of background, copied in one go before the walls are drawn.
    backgroundColour = .allocate(capacity: height * width * 3)
    backgroundDepth = .allocate(capacity: height * width)
    backgroundBlue = .allocate(capacity: height)
    undersideDistance = .allocate(capacity: height)
    undersideShade = .allocate(capacity: height)
    for y in 0..<height {
      let offset = Float(y) + 0.5 - Float(height) / 2
      // Rows on the horizon of an odd-height picture never meet floor or ceiling;
      // a wall always covers them.
      let distance = offset == 0 ? focal : focal * 0.5 / abs(offset)
      let base = offset < 0 ? Palette.ceiling : Palette.floor
      let shade = FirstPersonRenderer.shade(distance)
      for x in 0..<width {
        let i = y * width + x
        backgroundColour[3 * i] = UInt8((Int(base.red) * shade) >> 8)
        backgroundColour[3 * i + 1] = UInt8((Int(base.green) * shade) >> 8)
        backgroundColour[3 * i + 2] = UInt8((Int(base.blue) * shade) >> 8)
        backgroundDepth[i] = distance * cell
      }
      backgroundBlue[y] = backgroundColour[3 * y * width + 2]
      let drop = Float(FirstPersonRenderer.lintelHeight) - 0.5
      let underside = focal * drop / max(-offset, 1e-3)
      undersideDistance[y] = underside
      undersideShade[y] = (FirstPersonRenderer.shade(min(underside, 1e6)) * 180) >> 8
    }

    rayLateral = .allocate(capacity: width)
    let halfTangent = Float(tan(settings.fieldOfView * .pi / 360))
    for x in 0..<width {
      rayLateral[x] = halfTangent * (2 * (Float(x) + 0.5) / Float(width) - 1)
    }

    var looks = [String: SourceLook]()
    for name in soundClasses { looks[name] = SourceLook(soundClass: name) }
    self.looks = looks
    cellSize = Float(world.cellSize)
  }

  deinit {
    cells.deallocate()
    wallTexels.deallocate()
    backgroundColour.deallocate()
    backgroundDepth.deallocate()
    backgroundBlue.deallocate()
    undersideDistance.deallocate()
    undersideShade.deallocate()
    rayLateral.deallocate()
  }

  /// Brightness in 256ths at `distance` cells.
  @inline(__always)
  static func shade(_ distance: Float) -> Int {
    Int(256 / (1 + distance / Float(shadingDistance)))
  }

  /// Renders the view from `pose` into `frame`, colours and depth.
  ///
  /// Allocates nothing when every source's class was prepared at init.
  ///
  /// - Parameters:
  ///   - pose: the agent's cell and heading; the camera stands at the cell's centre.
  ///   - sources: sound sources to draw as sprites (goal and distractors alike).
  ///   - frame: a frame of `settings.width × settings.height`, overwritten.
  /// - Complexity: O(width × (height + cells crossed by a ray) + sources × sprite pixels).
  public func render(pose: Pose, sources: [PlacedSource], into frame: inout Frame) {
    precondition(
      frame.width == settings.width && frame.height == settings.height,
      "the frame is \(frame.width)×\(frame.height) but the camera makes "
        + "\(settings.width)×\(settings.height)")
    let dirX = Float(pose.heading.dx), dirY = Float(pose.heading.dy)
    frame.rgb.withUnsafeMutableBufferPointer { rgb in
      frame.depth.withUnsafeMutableBufferPointer { depth in
        let rgb = rgb.baseAddress!, depth = depth.baseAddress!
        let pixels = settings.width * settings.height
        rgb.update(from: backgroundColour, count: pixels * 3)
        depth.update(from: backgroundDepth, count: pixels)
        // Right to left: see `drawColumn` for why the order matters.
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: TextureSet.side) { shaded in
          for x in (0..<settings.width).reversed() {
            drawColumn(x, pose.cell, dirX, dirY, rgb, depth, shaded.baseAddress!)
          }
        }
        for source in sources {
          let look = looks[source.spec.sound] ?? SourceLook(soundClass: source.spec.sound)
          drawSprite(look, at: source.cell, pose.cell, dirX, dirY, rgb, depth)
        }
      }
    }
  }

  /// Renders one frame per pose, spread over `workers` threads.
  ///
  /// Each frame is exactly what `render(pose:sources:into:)` makes, whatever `workers` is.
  ///
  /// - Parameters:
  ///   - frames: resized to `poses.count` frames of the camera's size, then overwritten.
  ///   - workers: threads to use, at least 1.
  public func render(
    poses: [Pose], sources: [PlacedSource], into frames: inout [Frame], workers: Int
  ) {
    precondition(workers >= 1, "at least one worker")
    if frames.count != poses.count {
      frames = Array(repeating: Frame(settings: settings), count: poses.count)
    }
    frames.withUnsafeMutableBufferPointer { frames in
      nonisolated(unsafe) let frames = frames
      DispatchQueue.concurrentPerform(iterations: workers) { worker in
        for i in stride(from: worker, to: poses.count, by: workers) {
          render(pose: poses[i], sources: sources, into: &frames[i])
        }
      }
    }
  }
}
