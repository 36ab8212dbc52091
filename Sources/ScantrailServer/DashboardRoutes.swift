import Foundation
import HTTPTypes
import Hummingbird
import ScantrailApp
import ScantrailStore

/// The dashboard: signed in with an API key (read scope at least), the overview, a finding's
/// page with its decision form, and the API keys (admin). Every form carries a token derived
/// from the session, on top of the `SameSite=Strict` session cookie.
enum DashboardRoutes {
    /// How long a key rotated from the dashboard keeps working beside its replacement.
    static let rotationOverlap: TimeInterval = 24 * 3_600

    static func add(to router: Router<ServerContext>, service: WebService) {
        router.get("/dashboard/login") { _, _ in
            CSRFToken.page { DashboardPages.login(csrf: $0) }
        }
        router.post("/dashboard/login") { request, context in
            guard CSRFToken.hasCookie(request) else { return CSRFToken.expired }
            let (secret, key): (String, APIKey?)
            do throws(ServerError) {
                let form = try await Form(request)
                if let expired = CSRFToken.refusal(form, request) { return expired }
                secret = form["key"]?.trimmingCharacters(in: .whitespaces) ?? ""
                key = try await service.authenticate(secret, client: service.client(of: request, context: context))
            } catch {
                return WebServer.page(error)
            }
            guard let key, key.allows(.read) else {
                return CSRFToken.page(status: .unauthorized) {
                    DashboardPages.login(csrf: $0, error: "That key is unknown, revoked, expired or cannot read.")
                }
            }
            let session = await service.sessions.open(secret: secret)
            return Response(
                status: .seeOther,
                headers: [.location: "/dashboard", .setCookie: DashboardSessions.cookie(session)])
        }
        router.post("/dashboard/logout") { request, context in
            await page(request, context, service: service, form: true) { _ in
                if let session = DashboardSessions.id(in: request.headers[.cookie]) {
                    await service.sessions.close(session)
                }
                return Response(
                    status: .seeOther,
                    headers: [.location: "/dashboard/login", .setCookie: DashboardSessions.cookie(nil)])
            }
        }
        router.get("/dashboard") { request, context in
            await page(request, context, service: service) { page in
                let cursor = try QueryParameters(request).value(
                    "after", "a cursor from the previous page", FindingCursor.init(token:))
                let dashboard = try await Dashboard.load(from: page.store, after: cursor)
                return WebServer.html(DashboardPages.overview(dashboard, caller: page.caller, csrf: page.csrf))
            }
        }
        router.get("/dashboard/findings/{id}") { request, context in
            await page(request, context, service: service) { page in
                let history = try await page.store.finding(try TrailAPI.findingID(context))
                return WebServer.html(
                    DashboardPages.finding(history, caller: page.caller, csrf: page.csrf, now: Date()))
            }
        }
        router.post("/dashboard/findings/{id}/accept") { request, context in
            await page(request, context, service: service, scope: .admin, form: true) { page in
                let id = try TrailAPI.findingID(context)
                let status = page.form["status"].flatMap(FindingStatus.init(rawValue:)) ?? .accepted
                guard status == .accepted || status == .falsePositive else {
                    throw ServerError.badRequest("the decision is accepted or false-positive")
                }
                try await page.store.accept(
                    id, as: status, reason: page.form["reason"] ?? "", expiresAt: try page.expiry())
                return Response(status: .seeOther, headers: [.location: "/dashboard/findings/\(id)"])
            }
        }
        router.get("/dashboard/keys") { request, context in
            await page(request, context, service: service, scope: .admin) { page in
                try await page.keys()
            }
        }
        router.post("/dashboard/keys") { request, context in
            await page(request, context, service: service, scope: .admin, form: true) { page in
                let made = try await page.store.createAPIKey(
                    name: page.form["name"] ?? "",
                    scopes: page.form.values("scope").compactMap(APIKeyScope.init(rawValue:)),
                    expiresAt: try page.expiry())
                return try await page.keys(made: made)
            }
        }
        router.post("/dashboard/keys/{key}/rotate") { request, context in
            await page(request, context, service: service, scope: .admin, form: true) { page in
                let made = try await page.store.rotateAPIKey(
                    context.parameters.get("key") ?? "", overlap: DashboardRoutes.rotationOverlap)
                return try await page.keys(made: made)
            }
        }
        router.post("/dashboard/keys/{key}/revoke") { request, context in
            await page(request, context, service: service, scope: .admin, form: true) { page in
                _ = try await page.store.revokeAPIKey(context.parameters.get("key") ?? "")
                return Response(status: .seeOther, headers: [.location: "/dashboard/keys"])
            }
        }
    }

    /// What a dashboard page works with: who is signed in, the store acting as them, the
    /// session's form token, and the submitted form (empty for a GET).
    struct Page: Sendable {
        let caller: Caller
        let store: EvidenceStore
        let csrf: String
        let form: Form

        /// The keys page, with a key just `made` and its secret shown once.
        func keys(made: EvidenceStore.NewAPIKey? = nil) async throws -> Response {
            WebServer.html(DashboardPages.keys(try await store.apiKeys(), caller: caller, csrf: csrf, made: made))
        }

        /// The form's `expires` field as an expiry (a date, or days such as `90d`), if filled in.
        func expiry() throws -> Date? {
            try form["expires"].flatMap { $0.isEmpty ? nil : $0 }.map { try Date(expiry: $0, from: Date()) }
        }
    }

    /// Answers a dashboard page for the signed-in caller with `scope`: to the sign-in page
    /// without a session, a 403 page without the scope; a form (`form`) must carry the session's
    /// token. Failures are error pages.
    static func page(
        _ request: Request, _ context: ServerContext, service: WebService, scope: APIKeyScope = .read,
        form: Bool = false, _ body: @Sendable (Page) async throws -> Response
    ) async -> Response {
        guard let session = DashboardSessions.id(in: request.headers[.cookie]),
            let caller = try? await service.caller(of: request, context: context, session: true), caller.key != nil,
            let store = service.store?.acting(as: caller.actor)
        else {
            return Response(status: .seeOther, headers: [.location: "/dashboard/login"])
        }
        let csrf = DashboardSessions.formToken(session)
        do throws(ServerError) {
            guard caller.allows(scope) else {
                throw .forbidden("this page needs a key with the \(scope.rawValue) scope")
            }
            var submitted = Form()
            if form {
                let read = try await Form(request)
                guard read["csrf"] == csrf else { throw .forbidden("the form expired: reload the page") }
                submitted = read
            }
            let page = Page(caller: caller, store: store, csrf: csrf, form: submitted)
            return try await ServerError.catching { try await body(page) }
        } catch {
            return WebServer.page(error)
        }
    }
}
