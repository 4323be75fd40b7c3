import EarshotWorld

/// Something the person at the viewer asks for, independent of which key asked.
public enum ViewerCommand: Equatable, Sendable {
  /// Take this action now (keyboard mode only; a policy chooses its own).
  case act(Action)
  /// Pause or resume a policy.
  case togglePause
  /// Pause a policy and let it take one step.
  case stepOnce
  /// Double the policy's steps per second.
  case faster
  /// Halve the policy's steps per second.
  case slower
  /// Restart the current episode from its start.
  case reset
  /// Switch between the first-person frame and the partial top-down view.
  case toggleView
  /// Silence or restore the sound.
  case toggleMute
  /// Show or hide the list of keys.
  case toggleHelp
  /// Close the viewer.
  case quit
}
