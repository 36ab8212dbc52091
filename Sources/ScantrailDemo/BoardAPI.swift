import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ScantrailCore
import Synchronization

/// A team board — private notes each member writes, and a catalogue of items the
/// administrator keeps — with two faces: `.flawed` lets any signed-in member read, change and
/// delete anyone's note and delete any catalogue item; `.hardened` lets only a note's owner at
/// it and only the administrator delete items. Both let only the administrator add items, and
/// start empty: whatever a scan creates is its own.
public enum BoardAPI {
    /// Which face the API shows.
    public enum Profile: Sendable {
        /// The flaws listed in ``router(_:)``.
        case flawed
        /// The same API done right.
        case hardened
    }

    /// Members by bearer token: ann and ben (members), ops (the administrator).
    static let members = [
        "b0a4-board-ann": (name: "ann", admin: false), "b0a4-board-ben": (name: "ben", admin: false),
        "b0a4-board-ops": (name: "ops", admin: true),
    ]

    /// One note or item, with the member who made it.
    struct Entry: Sendable {
        var owner: String
        var fields: [String: String]

        /// The entry as JSON, with its id and owner.
        func json(id: String) -> String {
            let body = (fields.merging(["id": id, "owner": owner]) { _, kept in kept }).sorted { $0.key < $1.key }
                .map { #""\#($0.key)":\#(DemoJSON.quoted($0.value))"# }.joined(separator: ",")
            return "{\(body)}"
        }
    }

    /// The routes: `POST /notes`, `GET`, `PUT` and `DELETE /notes/{noteId}` (the flawed face
    /// never checks the note's owner), `POST /items` (the administrator only, on both faces),
    /// `GET /items/{itemId}` (any member) and `DELETE /items/{itemId}` (the flawed face lets any
    /// member). Every answer carries the hardened security headers.
    public static func router(_ profile: Profile) -> Router<BasicRequestContext> {
        let flawed = profile == .flawed
        let router = Router()
        router.add(middleware: ResponseHeadersMiddleware(headers: DemoAPI.responseHeaders(.hardened)))
        let notes = Mutex<[String: Entry]>([:])
        let items = Mutex<[String: Entry]>([:])
        let counter = Mutex(0)
        @Sendable func member(_ request: Request) -> (name: String, admin: Bool)? {
            request.headers[.authorization].flatMap { members[String($0.dropFirst("Bearer ".count))] }
        }
        @Sendable func nextID(_ prefix: String) -> String {
            counter.withLock {
                $0 += 1; return "\(prefix)\($0)"
            }
        }
        router.get("/") { _, _ in json(.ok, #"{"name":"Board API"}"#) }
        router.post("/notes") { request, _ in
            guard let caller = member(request) else { return json(.unauthorized, #"{"error":"sign in"}"#) }
            let id = nextID("n")
            let entry = Entry(
                owner: caller.name, fields: try await DemoJSON.stringFields(of: request, kept: ["title", "text"]))
            notes.withLock { $0[id] = entry }
            return json(.created, entry.json(id: id), location: "/notes/\(id)")
        }
        /// The note `id` for `caller`: anyone's on the flawed face, only theirs on the hardened one.
        @Sendable func note(_ id: String, for caller: (name: String, admin: Bool)) -> Entry? {
            notes.withLock { $0[id] }.flatMap { flawed || $0.owner == caller.name ? $0 : nil }
        }
        router.get("/notes/{noteId}") { request, context in
            guard let caller = member(request) else { return json(.unauthorized, #"{"error":"sign in"}"#) }
            let id = context.parameters.get("noteId") ?? ""
            guard let entry = note(id, for: caller) else { return json(.notFound, #"{"error":"no such note"}"#) }
            return json(.ok, entry.json(id: id))
        }
        router.put("/notes/{noteId}") { request, context in
            guard let caller = member(request) else { return json(.unauthorized, #"{"error":"sign in"}"#) }
            let id = context.parameters.get("noteId") ?? ""
            guard var entry = note(id, for: caller) else { return json(.notFound, #"{"error":"no such note"}"#) }
            entry.fields = try await DemoJSON.stringFields(of: request, kept: ["title", "text"])
            notes.withLock { [entry] in $0[id] = entry }
            return json(.ok, entry.json(id: id))
        }
        router.delete("/notes/{noteId}") { request, context in
            guard let caller = member(request) else { return json(.unauthorized, #"{"error":"sign in"}"#) }
            let id = context.parameters.get("noteId") ?? ""
            guard note(id, for: caller) != nil else { return json(.notFound, #"{"error":"no such note"}"#) }
            notes.withLock { $0[id] = nil }
            return Response(status: .noContent)
        }
        router.post("/items") { request, _ in
            guard let caller = member(request) else { return json(.unauthorized, #"{"error":"sign in"}"#) }
            guard caller.admin else { return json(.forbidden, #"{"error":"only the administrator adds items"}"#) }
            let id = nextID("item-")
            let entry = Entry(
                owner: caller.name, fields: try await DemoJSON.stringFields(of: request, kept: ["name", "price"]))
            items.withLock { $0[id] = entry }
            return json(.created, entry.json(id: id))
        }
        router.get("/items/{itemId}") { request, context in
            guard member(request) != nil else { return json(.unauthorized, #"{"error":"sign in"}"#) }
            let id = context.parameters.get("itemId") ?? ""
            guard let entry = items.withLock({ $0[id] }) else { return json(.notFound, #"{"error":"no such item"}"#) }
            return json(.ok, entry.json(id: id))
        }
        router.delete("/items/{itemId}") { request, context in
            guard let caller = member(request) else { return json(.unauthorized, #"{"error":"sign in"}"#) }
            guard flawed || caller.admin else {
                return json(.forbidden, #"{"error":"only the administrator removes items"}"#)
            }
            let id = context.parameters.get("itemId") ?? ""
            guard items.withLock({ $0.removeValue(forKey: id) }) != nil else {
                return json(.notFound, #"{"error":"no such item"}"#)
            }
            return Response(status: .noContent)
        }
        return router
    }

    private static func json(_ status: HTTPResponse.Status, _ body: String, location: String? = nil) -> Response {
        DemoJSON.response(status, body, headers: location.map { [.location: $0] } ?? [:])
    }
}
