import Hummingbird
import NIOCore

extension Request {
    /// The body, read up to `limit` bytes.
    ///
    /// - Throws: ``ServerError`` 413 past `limit`, 400 for a body that stops short.
    func body(upTo limit: Int) async throws(ServerError) -> ByteBuffer {
        do {
            return try await body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw .tooLarge(limit: limit)
        } catch {
            throw .badRequest("the request's body could not be read")
        }
    }
}
