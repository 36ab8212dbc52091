import Foundation
import ScantrailStore

extension MonitoredTarget {
    /// The due times from `start` (or when the target was added, if later) until `end` whose
    /// window closed with none of `scans` in it: the cadence gaps its schedule left.
    public func missedRuns(from start: Date, until end: Date, scans: [Date]) -> [Date] {
        let from = max(createdAt, start)
        guard from < end, let schedule = try? Schedule(spec: self.schedule) else { return [] }
        // The first run is due the moment the target is added.
        return schedule.missedRuns(
            after: from, until: end, scans: scans.filter { $0 >= from }, dueAtStart: from == createdAt)
    }
}
