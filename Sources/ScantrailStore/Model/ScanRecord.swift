import Foundation

/// One recorded scan, as `scantrail history` lists it.
public struct ScanRecord: Hashable, Codable, Sendable {
    /// What the scan changed in the trail, and what it saw.
    public struct Counts: Hashable, Codable, Sendable {
        /// Outcomes passed.
        public var passed = 0
        /// Outcomes failed.
        public var failed = 0
        /// Outcomes not judged.
        public var inconclusive = 0
        /// Findings seen for the first time.
        public var new = 0
        /// Findings verified fixed by this scan.
        public var fixed = 0
        /// Fixed findings seen again.
        public var reopened = 0
    }

    /// Identifier (a UUID).
    public let id: String
    /// Position in the store: 1 for the first scan recorded, then 2, 3…
    public let sequence: Int
    /// The target's base URL.
    public let target: String
    /// When the scan started observing.
    public let observedAt: Date
    /// When it finished.
    public let finishedAt: Date
    /// When it was written to the store.
    public let recordedAt: Date
    /// `complete`, or `incomplete: reason`.
    public let completion: String
    /// Scanner version.
    public let scannerVersion: String
    /// Rule catalogue digest.
    public let catalogueVersion: String
    /// Requests the scan sent.
    public let requestsSent: Int
    /// Counts.
    public let counts: Counts
}

/// A target's (or the whole store's) history: its scans and where its findings stand now.
public struct TargetHistory: Codable, Sendable {
    /// The base URL, or `nil` for every target.
    public let target: String?
    /// Recorded scans, oldest first.
    public let scans: [ScanRecord]
    /// Tracked findings per state.
    public let findingsByStatus: [FindingStatus: Int]

    /// Creates a history.
    public init(target: String?, scans: [ScanRecord], findingsByStatus: [FindingStatus: Int]) {
        self.target = target
        self.scans = scans
        self.findingsByStatus = findingsByStatus
    }
}
