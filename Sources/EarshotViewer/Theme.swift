/// The viewer's colours, in one place so that the legend and the panels agree.
enum Theme {
  static let background = Colour(22, 24, 28)
  static let panel = Colour(34, 37, 43)
  static let text = Colour(232, 232, 232)
  static let dimText = Colour(150, 154, 162)
  static let floor = Colour(92, 86, 78)
  static let gridLine = Colour(0, 0, 0, 50)
  /// Cells from which `stop` succeeds.
  static let successRegion = Colour(70, 122, 74)
  static let agent = Colour(235, 64, 52)
  static let trail = Colour(80, 200, 255)
  static let goal = Colour(250, 196, 40)
  static let distractor = Colour(190, 190, 200)
  static let vision = Colour(88, 156, 255)
  static let audio = Colour(255, 146, 56)
  static let bar = Colour(120, 126, 138)
  static let success = Colour(96, 210, 110)
  static let failure = Colour(240, 90, 80)
}
