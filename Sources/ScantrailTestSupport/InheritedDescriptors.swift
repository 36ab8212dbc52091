#if canImport(Glibc)
    import Glibc

    /// Keeps a spawned child from inheriting the parent's open files. SwiftNIO's sockets are not
    /// close-on-exec, so a child started with posix_spawn would hold every connection open at
    /// that moment: a server then never sees its client hang up (a test's PostgreSQL kept one
    /// such connection alive and hung the suite).
    public enum InheritedDescriptors {
        private typealias AddCloseFrom =
            @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

        /// glibc's posix_spawn_file_actions_addclosefrom_np (2.34+), which Swift's Glibc module
        /// does not declare.
        private static let addCloseFrom: AddCloseFrom? = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np")
            .map { unsafeBitCast($0, to: AddCloseFrom.self) }

        /// Adds "close every descriptor from 3 on" to `actions`.
        ///
        /// - Returns: Whether the C library can do it.
        @discardableResult
        public static func closeAll(in actions: inout posix_spawn_file_actions_t) -> Bool {
            guard let addCloseFrom else { return false }
            return addCloseFrom(&actions, 3) == 0
        }
    }
#endif
