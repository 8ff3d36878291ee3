import STPModel
import STPTerminal

/// The dashboard without a terminal: keys in, state and screen out.
public struct HeadlessApp {
  public var state: AppState
  public private(set) var effects: [Effect] = []

  public init(_ state: AppState) { self.state = state }

  /// An app on the embedded data at a size, loaded "at 09:30" so screens are stable.
  public init(size: Size, mouse: Bool = false) {
    self.init(
      AppState(dataset: Fixtures.embedded, loadedAt: "09:30", size: size, isMouseEnabled: mouse))
  }

  /// Sends events through the key maps and the reducer, as the run loop does.
  public mutating func send(_ events: Event...) {
    for e in events {
      if let a = state.action(for: e) { effects += reduce(&state, a) }
    }
  }

  /// Applies actions directly, as the run loop does with the outcome of its work (a reload).
  public mutating func send(_ actions: Action...) {
    for a in actions { effects += reduce(&state, a) }
  }

  public mutating func send(_ keys: Key...) {
    for k in keys { send(.key(k)) }
  }

  /// Types text, one character key at a time.
  public mutating func type(_ text: String) {
    for ch in text { send(.key(.char(ch))) }
  }

  public mutating func resize(_ size: Size) { send(Event.resize(size)) }

  /// The screen as it would be drawn now.
  public var canvas: Canvas { Screen.render(state) }
}

/// Shared test data.
public enum Fixtures {
  /// The embedded dataset, loaded once.
  public static let embedded: Dataset = {
    do {
      return try DatasetLoader.loadEmbedded().dataset
    } catch {
      fatalError("the embedded data must load: \(error)")
    }
  }()
}
