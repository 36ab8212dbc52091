import Foundation
import HTTPTypes
import Hummingbird

/// Counts calls and how many run at once, across a server's handlers.
actor HitCounter {
    private(set) var hits = 0
    private(set) var inFlight = 0
    private(set) var highestInFlight = 0

    func enter() -> Int {
        hits += 1
        inFlight += 1
        highestInFlight = max(highestInFlight, inFlight)
        return hits
    }

    func leave() {
        inFlight -= 1
    }
}

/// A server that misbehaves in every way a hostile or broken target can.
enum HostileRoutes {
    static func router(counter: HitCounter) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/ok") { _, _ in
            _ = await counter.enter()
            await counter.leave()
            return "fine"
        }
        router.get("/busy") { _, _ in
            _ = await counter.enter()
            try await Task.sleep(for: .milliseconds(300))
            await counter.leave()
            return "done"
        }
        // 5 MiB: the client stops reading long before the end.
        router.get("/huge") { _, _ in
            streamed(chunks: 80, of: ByteBuffer(repeating: UInt8(ascii: "x"), count: 64 << 10))
        }
        // Bounded so the server stops by itself, far beyond any client limit.
        router.get("/endless") { _, _ in
            streamed(chunks: 20_000, of: ByteBuffer(repeating: UInt8(ascii: "y"), count: 64 << 10))
        }
        router.get("/drip") { _, _ in streamed(chunks: 100, of: ByteBuffer(string: "."), pause: .milliseconds(300)) }
        router.get("/bomb") { _, _ in
            Response(
                status: .ok,
                headers: [.contentEncoding: "gzip", .contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: await gzipBomb.value))
            )
        }
        router.get("/big-header") { _, _ in
            Response(status: .ok, headers: [HTTPField.Name("X-Filler")!: String(repeating: "z", count: 200_000)])
        }
        router.get("/limited") { _, _ in
            let hit = await counter.enter()
            await counter.leave()
            return hit <= 2
                ? Response(status: .tooManyRequests, headers: [.retryAfter: "0"])
                : Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: "finally")))
        }
        router.get("/always-429") { _, _ in
            Response(status: .tooManyRequests, headers: [.retryAfter: "0"])
        }
        router.get("/r/{n}") { _, context in
            let n = try context.parameters.require("n", as: Int.self)
            return n == 0 ? Response(status: .ok) : Response(status: .found, headers: [.location: "/r/\(n - 1)"])
        }
        router.get("/loop-a") { _, _ in Response(status: .movedPermanently, headers: [.location: "/loop-b"]) }
        router.get("/loop-b") { _, _ in Response(status: .movedPermanently, headers: [.location: "/loop-a"]) }
        router.get("/offhost") { _, _ in
            Response(status: .found, headers: [.location: "http://scantrail-offhost.invalid/"])
        }
        return router
    }

    /// A 200 whose body is `chunk` written `chunks` times, with `pause` between writes.
    static func streamed(chunks: Int, of chunk: ByteBuffer, pause: Duration = .zero) -> Response {
        Response(
            status: .ok,
            body: ResponseBody { writer in
                for _ in 0..<chunks {
                    try await writer.write(chunk)
                    if pause > .zero { try await Task.sleep(for: pause) }
                }
                try await writer.finish(nil)
            }
        )
    }

    /// 20 MB of zeros, gzip-compressed to about 20 KB, made once by the gzip command on a thread
    /// of its own (waiting for a process must not hold up the cooperative pool the servers use).
    static let gzipBomb = Task<Data, Never> {
        await withCheckedContinuation { continuation in
            Thread {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/bin/sh")
                process.arguments = ["-c", "head -c 20000000 /dev/zero | gzip -c"]
                let pipe = Pipe()
                process.standardOutput = pipe
                try? process.run()
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(returning: data)
            }.start()
        }
    }
}
