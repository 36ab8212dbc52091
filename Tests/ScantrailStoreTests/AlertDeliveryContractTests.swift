import Foundation
import ScantrailStore
import Testing

@Suite("The alert delivery log: each alert queued once per webhook, claimed by one sender, retried, kept")
struct AlertDeliveryContractTests {
    static func alert(_ key: String) -> AlertDelivery.Alert {
        AlertDelivery.Alert(key: key, kind: "scan.failing", target: "https://a.example/", summary: key, payload: "{}")
    }

    @Test(
        "queued once per alert and webhook however often raised; claimed by one sender at a time",
        arguments: TestBackend.allCases)
    func queueAndClaim(backend: TestBackend) async throws {
        let clock = TestClock()
        try await backend.withStore(clock: clock) { store in
            let queued = try await store.queueAlerts([Self.alert("a"), Self.alert("b")], webhooks: ["chat", "siem"])
            #expect(queued.count == 4 && queued.allSatisfy { $0.state == .pending && $0.attempts == 0 })
            #expect(
                try await store.queueAlerts([Self.alert("a"), Self.alert("c")], webhooks: ["chat", "siem"]).map(
                    \.alertKey) == ["c", "c"])
            let claimed = try await withThrowingTaskGroup(of: AlertDelivery?.self) { group in
                for _ in 0..<10 { group.addTask { try await store.claimAlertDelivery(leaseSeconds: 30) } }
                return try await group.reduce(into: [AlertDelivery]()) { all, one in all += [one].compactMap { $0 } }
            }
            #expect(claimed.count == 6 && Set(claimed.map(\.id)).count == 6)
            #expect(try await store.claimAlertDelivery(leaseSeconds: 30) == nil)
        }
    }

    @Test(
        "an attempt ends delivered, retried or failed; a superseded attempt changes nothing",
        arguments: TestBackend.allCases)
    func finish(backend: TestBackend) async throws {
        let clock = TestClock()
        try await backend.withStore(clock: clock) { store in
            try await store.queueAlerts([Self.alert("a")], webhooks: ["chat"])
            let first = try #require(try await store.claimAlertDelivery(leaseSeconds: 30))
            let retryAt = clock.now.addingTimeInterval(60)
            let retried = try await store.finishAlertDelivery(first, status: 503, error: "HTTP 503", retryAt: retryAt)
            #expect(retried?.state == .pending && retried?.nextAttemptAt == retryAt && retried?.lastStatus == 503)
            #expect(try await store.claimAlertDelivery(leaseSeconds: 30) == nil)
            clock.advance(seconds: 60)
            let second = try #require(try await store.claimAlertDelivery(leaseSeconds: 30))
            #expect(second.attempts == 2)
            #expect(try await store.finishAlertDelivery(first, status: 200, error: nil, retryAt: nil) == nil)
            let delivered = try await store.finishAlertDelivery(second, status: 200, error: nil, retryAt: nil)
            #expect(delivered?.state == .delivered && delivered?.deliveredAt == clock.now)
            #expect(try await store.alertDeliveries().map(\.state) == [.delivered])
        }
    }
}
