import Foundation

/// The reference panel: public yearly series (training parts of M1 and Tourism yearly, picked by
/// `scripts/build-reference-panel.py`) whose rolling-origin forecast errors join a file's own as a
/// prior for its intervals.
///
/// A file of one to ten series has a few dozen checked forecasts per step, too few to learn the
/// tails of its error distribution; the reference series' errors, computed with the same method,
/// fill them in (rescaled to the file's own error scale as far as its evidence goes, see
/// `ErrorScaleShrinkage`), and their held-out years join the file's in `auto`'s choices. Their
/// weight is `ForecastOptions.referenceWeight` series in all (default 20) against one per series
/// of the file, so the file's own errors take over as it grows: the prior has 20/21 of the weight
/// for one series, 87% for three, 10% for 190, under 4% for 500.
enum ReferencePanel {
  /// The reference series' values, oldest first (empty if the resource cannot be read, which a
  /// build of this package never lacks).
  static let series: [[Double]] = {
    guard let url = Bundle.module.url(forResource: "reference-yearly", withExtension: "csv"),
      let text = try? String(contentsOf: url, encoding: .utf8)
    else { return [] }
    var out: [[Double]] = []
    var current = ""
    for line in text.split(separator: "\n").dropFirst() {
      let fields = line.split(separator: ",")
      guard fields.count == 3, let value = Double(fields[2]) else { continue }
      if fields[0] != current {
        current = String(fields[0])
        out.append([])
      }
      out[out.count - 1].append(value)
    }
    return out
  }()

  /// The components a reference workspace computes for `members`: the per-series local methods
  /// among them (the global model and TCModels' components are fitted to the file only), or drift.
  static func components(for members: Set<ForecastComponent>) -> Set<ForecastComponent> {
    let local = members.filter { $0 != .global && $0.model == nil }
    return local.isEmpty ? [.drift] : local
  }
}
