/// A plain-text table with a header row, columns padded to fit.
struct Table {
  var header: [String]
  var rows: [[String]] = []

  /// Right-aligns every column but the first.
  func rendered() -> String {
    let all = [header] + rows
    let widths = header.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { c, text in
        let pad = String(repeating: " ", count: widths[c] - text.count)
        return c == 0 ? text + pad : pad + text
      }.joined(separator: "  ")
    }
    let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
    return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
  }
}
