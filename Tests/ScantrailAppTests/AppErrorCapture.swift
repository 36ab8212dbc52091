import ScantrailApp

/// The ``AppError`` `body` throws, or `nil` when it throws none (or another error).
func appError(_ body: () async throws -> Void) async -> AppError? {
    do {
        try await body()
        return nil
    } catch {
        return error as? AppError
    }
}

/// The ``AppError`` `body` throws, or `nil` when it throws none (or another error).
func appError(_ body: () throws -> Void) -> AppError? {
    do {
        try body()
        return nil
    } catch {
        return error as? AppError
    }
}
