import Foundation

extension StringProtocol {
    /// The text without leading and trailing white space.
    var trimmed: String {
        trimmingCharacters(in: .whitespaces)
    }
}
