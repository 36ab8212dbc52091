import Foundation

/// Validates a JSON report (and every exchange in its evidence) against docs/report.schema.json with Python's `jsonschema`, the
/// reference implementation of JSON Schema (installed by .ci/run).
enum ReportSchema {
    /// The validation errors, empty when the report is valid.
    static func errors(in reportPath: String) async throws -> String {
        let schema = Scantrail.repositoryRoot.appendingPathComponent("docs/report.schema.json").path
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            report = json.load(open(sys.argv[2]))
            validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
            for error in validator.iter_errors(report):
                print("/".join(map(str, error.absolute_path)) + ": " + error.message)
            # Every exchange recorded in a check's evidence follows #/$defs/exchange too.
            exchange = jsonschema.Draft202012Validator({"$ref": "#/$defs/exchange", "$defs": schema["$defs"]})
            def walk(node, path):
                if isinstance(node, dict):
                    if "request" in node and "requestsSent" in node:
                        for error in exchange.iter_errors(node):
                            print(path + ": " + error.message)
                    for key, value in node.items():
                        walk(value, path + "/" + key)
                elif isinstance(node, list):
                    for index, value in enumerate(node):
                        walk(value, path + "/" + str(index))
            for check in report.get("checks", []):
                walk(check.get("evidence"), check["checkId"])
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, schema, reportPath]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let status = try await withCheckedThrowingContinuation {
            (continuation: CheckedContinuation<Int32, any Error>) in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return status == 0 ? text : "validator failed (\(status)): \(text)"
    }
}
