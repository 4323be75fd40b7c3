import CSDL2
import EarshotAudio

/// The agent's two ears on the computer's speakers: an SDL audio device fed one block per
/// step (`SDL_QueueAudio`), 2 channels of 32-bit floats at the simulation's rate.
final class AudioOutput {
  private let device: SDL_AudioDeviceID
  /// Samples per second per channel.
  let sampleRate: Int

  /// Most sound, in seconds, let wait in the queue: when a policy runs faster than real
  /// time, older blocks are dropped so that what is heard stays in step with the picture.
  static let maximumLag = 0.5

  /// Opens the default output device.
  ///
  /// - Throws: `ViewerError.sdl` when SDL has no audio driver or no device; the caller
  ///   then goes on without sound.
  init(sampleRate: Int) throws {
    guard SDL_InitSubSystem(UInt32(SDL_INIT_AUDIO)) == 0 else {
      throw ViewerError.sdl(call: "SDL_InitSubSystem(audio)", reason: sdlError())
    }
    var wanted = SDL_AudioSpec()
    wanted.freq = Int32(sampleRate)
    wanted.format = SDL_AudioFormat(AUDIO_F32LSB)
    wanted.channels = 2
    wanted.samples = 1024
    var obtained = SDL_AudioSpec()
    let device = SDL_OpenAudioDevice(nil, 0, &wanted, &obtained, 0)
    guard device != 0 else {
      let reason = sdlError()
      SDL_QuitSubSystem(UInt32(SDL_INIT_AUDIO))
      throw ViewerError.sdl(call: "SDL_OpenAudioDevice", reason: reason)
    }
    self.device = device
    self.sampleRate = sampleRate
    SDL_PauseAudioDevice(device, 0)
  }

  deinit {
    SDL_CloseAudioDevice(device)
    SDL_QuitSubSystem(UInt32(SDL_INIT_AUDIO))
  }

  /// Queues `block` after what is already queued, interleaved and clipped to [−1, 1].
  func play(_ block: AudioBlock) {
    let queuedSeconds = Double(SDL_GetQueuedAudioSize(device))
      / Double(2 * MemoryLayout<Float>.size * sampleRate)
    if queuedSeconds > AudioOutput.maximumLag { SDL_ClearQueuedAudio(device) }
    var interleaved = [Float](repeating: 0, count: 2 * block.count)
    for n in 0..<block.count {
      interleaved[2 * n] = min(1, max(-1, block.left[n]))
      interleaved[2 * n + 1] = min(1, max(-1, block.right[n]))
    }
    interleaved.withUnsafeBytes { raw in
      _ = SDL_QueueAudio(device, raw.baseAddress, UInt32(raw.count))
    }
  }

  /// Drops everything queued, for mute and reset.
  func silence() { SDL_ClearQueuedAudio(device) }
}
