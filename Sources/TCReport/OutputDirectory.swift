import Foundation

/// A problem writing outputs: where, and why.
public struct OutputError: Error, Equatable, Sendable, CustomStringConvertible {
  public var path: String
  public var message: String
  public init(path: String, message: String) {
    self.path = path
    self.message = message
  }
  public var description: String { "\(path): \(message)" }
}

/// The folder a run writes into. Checked before any work starts; each file is written to a
/// temporary file in the same folder and renamed into place, so an interrupted run never leaves a
/// half-written file.
public struct OutputDirectory: Sendable {
  public let path: String

  public init(path: String) { self.path = path }

  /// Fails unless the folder exists and is writable, or can be created.
  public func check() throws(OutputError) {
    var candidate = URL(fileURLWithPath: path).standardizedFileURL
    let fileManager = FileManager.default
    while true {
      var isDirectory: ObjCBool = false
      if fileManager.fileExists(atPath: candidate.path, isDirectory: &isDirectory) {
        guard isDirectory.boolValue else {
          throw OutputError(path: path, message: "cannot create the output folder: \(candidate.path) is a file, not a folder")
        }
        guard fileManager.isWritableFile(atPath: candidate.path) else {
          throw OutputError(path: path, message: "the output folder is not writable (\(candidate.path))")
        }
        return
      }
      let parent = candidate.deletingLastPathComponent()
      if parent.path == candidate.path { return }
      candidate = parent
    }
  }

  /// Writes every file, creating the folder first. Returns the paths written.
  @discardableResult
  public func write(_ files: [(name: String, contents: String)]) throws(OutputError) -> [String] {
    try check()
    do {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
      throw OutputError(path: path, message: "cannot create the output folder: \(error.localizedDescription)")
    }
    var written: [String] = []
    for file in files {
      let url = URL(fileURLWithPath: path).appendingPathComponent(file.name)
      do {
        try Data(file.contents.utf8).write(to: url, options: .atomic)
      } catch {
        throw OutputError(path: url.path, message: "cannot write the file: \(error.localizedDescription)")
      }
      written.append(url.path)
    }
    return written
  }
}
