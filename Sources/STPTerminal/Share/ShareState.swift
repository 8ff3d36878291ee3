import STPModel

/// The presenter's side: the share's name and who follows.
public struct SharingState: Equatable, Sendable {
  /// The share's name (`follow NAME`).
  public var name: String
  /// The followers' login names.
  public var followers: [String] = []
  /// The data this presenter draws from, as followers compare it.
  public var data: String
  /// A share of `data` named `name`.
  public init(name: String, data: String) {
    self.name = name
    self.data = data
  }
}

/// The follower's side: whom it follows, whether it follows now or browses on its own, and how
/// the presentation ended.
public struct FollowingState: Equatable, Sendable {
  /// The share followed.
  public var name: String
  /// The follower's own data, as the presenter's is compared to it.
  public var ownData: String
  /// The presenter's login name (once a view has come).
  public var presenter = ""
  /// Following (true) or browsing on its own (any key; `f` rejoins).
  public var isLive = true
  /// The presenter's newest view.
  public var last: SharedView?
  /// When the presentation ended ("18:02"), or why the connection closed.
  public var endedAt: String?
  public var problem: String?
  /// A follower of `name` drawing `ownData`.
  public init(name: String, ownData: String) {
    self.name = name
    self.ownData = ownData
  }

  /// Whether the presenter draws from other data: then its view is not drawn over these numbers.
  public var dataDiffers: Bool {
    func hash(_ s: String) -> Substring { s.split(separator: "#").last ?? "" }
    return last.map { hash($0.data) != hash(ownData) } ?? false
  }

  /// The status line's words: whom it follows and how.
  public var status: String {
    let who = presenter.isEmpty ? "'\(name)'" : presenter
    if let p = problem { return "not following \(who): \(p)" }
    if let t = endedAt { return "presentation ended at \(t) (the last view stays)" }
    if dataDiffers {
      return "following \(who), whose data differs (\(last?.data ?? "")): not drawn over yours"
    }
    return isLive ? "following \(who)" : "browsing on your own · f follows \(who) again"
  }
}

extension AppState {
  /// Draws `v` as this follower's view: the presenter's pane, selection, filter, measure,
  /// compare set, spotlight and slide; sizes, theme, colours and mode stay the follower's.
  mutating func follow(_ v: SharedView) {
    let id = PaneID(v.pane)
    if panes[id] != nil { pane = id }
    selectedCode = v.selected.flatMap { dataset.index(ofCode: $0) != nil ? $0 : nil }
    listFilter = v.filter
    if let m = Measure(rawValue: v.measure) { measure = m }
    session.compare = v.compare.filter { dataset.index(ofCode: $0) != nil }
    session.spotlight = v.spotlight.filter { dataset.index(ofCode: $0) != nil }
    if let slide = v.slide {
      // The presenter's clock drives the slides: this one's own cycle stays stopped.
      var p = session.presentation ?? PresentationState(cycleSeconds: session.cycleSeconds)
      p.slide = slide
      p.secondsLeft = v.secondsLeft ?? p.secondsLeft
      p.isPaused = true
      session.presentation = p
    } else {
      session.presentation = nil
    }
    history = []
    isHelpVisible = false
  }
}

/// Sharing and following: `P`, the followers, what the presenter sent, `f`.
func applyShare(_ state: inout AppState, _ action: Action) -> [Effect]? {
  switch action {
  case .toggleShare:
    return [.share(state.session.sharing == nil)]
  case .shareStarted(.success(let name)):
    state.session.sharing = SharingState(name: name, data: state.data.identity)
    state.message = "sharing as '\(name)': others follow with: stp-dash follow \(name)"
  case .shareStarted(.failure(let f)):
    state.session.sharing = nil
    state.message = "not shared: \(f.description)"
  case .shareStopped:
    state.session.sharing = nil
    state.message = "sharing stopped: followers keep the last view"
  case .followers(let names):
    state.session.sharing?.followers = names
  case .followed(let event, let at):
    guard var f = state.session.following else { return [] }
    switch event {
    case .view(let v):
      f.last = v
      f.presenter = v.presenter
      state.session.following = f
      if f.isLive && !f.dataDiffers { state.follow(v) }
    case .ended:
      f.endedAt = at
      state.session.following = f
    case .failed(let why):
      f.problem = why
      state.session.following = f
    }
  case .browse:
    state.session.following?.isLive = false
  case .rejoin:
    guard var f = state.session.following else {
      state.message = "f follows a presenter again (start with: stp-dash follow)"
      return []
    }
    f.isLive = true
    state.session.following = f
    if let v = f.last, !f.dataDiffers { state.follow(v) }
  default:
    return nil
  }
  return []
}

extension Action {
  /// Whether a key or click with this action takes a follower off the presenter's view: every
  /// one but `f`, help, the theme, a repaint, quitting, sharing and keys bound to nothing.
  var isBrowsing: Bool {
    switch self {
    case .rejoin, .resize, .redraw, .quit, .backOrQuit, .cycleTheme, .toggleHelp, .toggleShare,
      .unbound:
      false
    default: true
    }
  }
}
