/// Counts what a YAML event stream holds once its aliases are expanded, without expanding them:
/// each anchored node's size and depth are remembered when it ends, and an alias adds them
/// where it stands. Pure: fed events, it answers the running totals.
struct ExpansionCounter {
    /// A parser event, as far as counting needs it.
    enum Event: Hashable {
        /// A scalar, anchored or not.
        case scalar(anchor: String?)
        /// A reference to an earlier anchor.
        case alias(String)
        /// A sequence or mapping begins.
        case open(anchor: String?)
        /// The innermost open sequence or mapping ends.
        case close
    }

    private struct Frame {
        let anchor: String?
        /// Values inside so far, the collection itself included.
        var values = 1
        /// The deepest nesting below it so far.
        var below = 0
    }

    private var anchors: [String: (values: Int, depth: Int)] = [:]
    private var open: [Frame] = []

    /// Values seen so far, every alias counted as what it expands to.
    private(set) var values = 0
    /// The deepest nesting reached so far, counting what aliases bring.
    private(set) var depth = 0

    /// Takes the next event.
    mutating func take(_ event: Event) {
        switch event {
        case .scalar(let anchor):
            if let anchor { anchors[anchor] = (1, 0) }
            add(values: 1, depth: 0)
        case .alias(let anchor):
            let (values, depth) = anchors[anchor] ?? (1, 0)
            add(values: values, depth: depth)
        case .open(let anchor):
            open.append(Frame(anchor: anchor))
            values += 1
            depth = max(depth, open.count)
        case .close:
            guard let frame = open.popLast() else { return }
            if let anchor = frame.anchor { anchors[anchor] = (frame.values, frame.below + 1) }
            if !open.isEmpty {
                open[open.count - 1].values += frame.values
                open[open.count - 1].below = max(open[open.count - 1].below, frame.below + 1)
            }
        }
    }

    /// A scalar or an alias of `values` values nesting `depth` levels, inside the open collections.
    private mutating func add(values: Int, depth: Int) {
        self.values += values
        self.depth = max(self.depth, open.count + depth)
        guard !open.isEmpty else { return }
        open[open.count - 1].values += values
        open[open.count - 1].below = max(open[open.count - 1].below, depth)
    }
}
