/// The REST API's OpenAPI 3.1 document, served at `/api/v1/openapi.json`: what
/// schemathesis tests the API against, and what `scantrail scan` reads to scan the server itself.
enum OpenAPIDocument {
    static let json = #"""
        {
          "openapi": "3.1.0",
          "info": {
            "title": "Scantrail",
            "version": "1",
            "description": "Scan an API from the outside and keep the evidence trail: hosted scans, targets, findings, the audit log and signed evidence bundles. Errors are application/problem+json. Every answer carries RateLimit-Policy and RateLimit fields; a refusal past a quota carries Retry-After."
          },
          "servers": [{"url": "/"}],
          "components": {
            "securitySchemes": {
              "apiKey": {
                "type": "http",
                "scheme": "bearer",
                "description": "An API key (st_…) made with 'scantrail api-keys create'."
              }
            },
            "parameters": {
              "scanId": {
                "name": "id",
                "in": "path",
                "required": true,
                "description": "The scan's id from its link.",
                "schema": {"type": "string", "pattern": "^[A-Za-z0-9_-]{22}$"}
              },
              "limit": {
                "name": "limit",
                "in": "query",
                "required": false,
                "description": "Page size.",
                "schema": {"type": "integer", "minimum": 1, "maximum": 500}
              },
              "findingId": {
                "name": "id",
                "in": "path",
                "required": true,
                "description": "A prefix of the finding's fingerprint.",
                "schema": {"type": "string", "pattern": "^[0-9a-f]{4,64}$"}
              }
            },
            "responses": {
              "Problem": {
                "description": "The request was refused or failed (RFC 9457).",
                "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
              }
            },
            "schemas": {
              "Problem": {
                "type": "object",
                "required": ["type", "title", "status", "detail"],
                "properties": {
                  "type": {"type": "string"},
                  "title": {"type": "string"},
                  "status": {"type": "integer"},
                  "detail": {"type": "string"}
                }
              },
              "ScanSubmission": {
                "type": "object",
                "required": ["url"],
                "properties": {
                  "url": {
                    "type": "string",
                    "description": "The API's base URL (http or https).",
                    "pattern": "^https?://"
                  },
                  "openapi": {
                    "type": "string",
                    "description": "The URL of its OpenAPI description.",
                    "pattern": "^https?://"
                  }
                }
              },
              "ScanStatus": {
                "type": "object",
                "required": ["id", "target", "status", "submittedAt", "links"],
                "properties": {
                  "id": {"type": "string"},
                  "target": {"type": "string"},
                  "status": {"enum": ["queued", "running", "finished", "failed"]},
                  "submittedAt": {"type": "string", "format": "date-time"},
                  "queuePosition": {"type": "integer", "minimum": 1},
                  "checksCompleted": {"type": "integer"},
                  "checksTotal": {"type": "integer"},
                  "reason": {"type": "string"},
                  "links": {"type": "object", "additionalProperties": {"type": "string"}}
                }
              },
              "Counts": {"type": "object", "additionalProperties": {"type": "integer"}},
              "ScanRecord": {
                "type": "object",
                "required": [
                  "id",
                  "sequence",
                  "target",
                  "observedAt",
                  "finishedAt",
                  "recordedAt",
                  "completion",
                  "scannerVersion",
                  "catalogueVersion",
                  "requestsSent",
                  "counts"
                ],
                "properties": {
                  "id": {"type": "string"},
                  "sequence": {"type": "integer"},
                  "target": {"type": "string"},
                  "observedAt": {"type": "string", "format": "date-time"},
                  "finishedAt": {"type": "string", "format": "date-time"},
                  "recordedAt": {"type": "string", "format": "date-time"},
                  "completion": {"type": "string"},
                  "scannerVersion": {"type": "string"},
                  "catalogueVersion": {"type": "string"},
                  "requestsSent": {"type": "integer"},
                  "counts": {"$ref": "#/components/schemas/Counts"}
                }
              },
              "Target": {
                "type": "object",
                "required": ["target", "scanCount", "latestScan", "openFindings"],
                "properties": {
                  "target": {"type": "string"},
                  "scanCount": {"type": "integer"},
                  "latestScan": {"$ref": "#/components/schemas/ScanRecord"},
                  "openFindings": {"$ref": "#/components/schemas/Counts"}
                }
              },
              "Location": {
                "type": "object",
                "required": ["origin", "path"],
                "properties": {
                  "origin": {"type": "string"},
                  "method": {"type": "string"},
                  "path": {"type": "string"},
                  "discriminator": {"type": "string"}
                }
              },
              "Acceptance": {
                "type": "object",
                "required": ["status", "reason", "by", "at"],
                "properties": {
                  "status": {"enum": ["accepted", "false-positive"]},
                  "reason": {"type": "string"},
                  "by": {"type": "string"},
                  "at": {"type": "string", "format": "date-time"},
                  "expiresAt": {"type": "string", "format": "date-time"}
                }
              },
              "Finding": {
                "type": "object",
                "required": [
                  "fingerprint",
                  "target",
                  "ruleID",
                  "checkID",
                  "severity",
                  "title",
                  "location",
                  "status",
                  "firstScanID",
                  "firstSeenAt",
                  "lastScanID",
                  "lastSeenAt",
                  "lastEvidenceSHA256",
                  "lastDetail",
                  "reopenCount"
                ],
                "properties": {
                  "fingerprint": {"type": "string"},
                  "target": {"type": "string"},
                  "ruleID": {"type": "string"},
                  "checkID": {"type": "string"},
                  "severity": {"enum": ["critical", "high", "medium", "low", "info"]},
                  "title": {"type": "string"},
                  "location": {"$ref": "#/components/schemas/Location"},
                  "status": {"enum": ["open", "fixed", "accepted", "false-positive"]},
                  "firstScanID": {"type": "string"},
                  "firstSeenAt": {"type": "string", "format": "date-time"},
                  "lastScanID": {"type": "string"},
                  "lastSeenAt": {"type": "string", "format": "date-time"},
                  "lastEvidenceSHA256": {"type": "string"},
                  "lastDetail": {"type": "string"},
                  "dueAt": {"type": "string", "format": "date-time"},
                  "fixedScanID": {"type": "string"},
                  "fixedAt": {"type": "string", "format": "date-time"},
                  "reopenCount": {"type": "integer"},
                  "acceptance": {"$ref": "#/components/schemas/Acceptance"}
                }
              },
              "AuditEntry": {
                "type": "object",
                "required": ["sequence", "at", "actor", "action", "subject", "details", "previousHash", "hash"],
                "properties": {
                  "sequence": {"type": "integer"},
                  "at": {"type": "string", "format": "date-time"},
                  "actor": {"type": "string"},
                  "action": {"type": "string"},
                  "subject": {"type": "string"},
                  "details": {"type": "string"},
                  "previousHash": {"type": "string"},
                  "hash": {"type": "string"}
                }
              },
              "FindingHistory": {
                "type": "object",
                "required": ["finding", "entries"],
                "properties": {
                  "finding": {"$ref": "#/components/schemas/Finding"},
                  "entries": {"type": "array", "items": {"$ref": "#/components/schemas/AuditEntry"}},
                  "proofOfFix": {"type": "object"}
                }
              },
              "Decision": {
                "type": "object",
                "required": ["reason"],
                "properties": {
                  "status": {"enum": ["accepted", "false-positive"]},
                  "reason": {"type": "string", "minLength": 1},
                  "expiresAt": {"type": "string", "format": "date-time"}
                }
              }
            }
          },
          "paths": {
            "/api/v1/scans": {
              "post": {
                "operationId": "startScan",
                "summary": "Start a passive scan",
                "description": "Anyone may start one; anonymous callers have one scan at a time and hourly quotas per client and per target host (counted under the host's canonical name and every address it resolves to). A key needs the scan scope and may have a few scans queued or running at once. A body over 16 KiB is refused (413); every refusal past a quota or a share of the queue (429) carries Retry-After. openapi must be an http(s) URL: nothing a caller sends names a file of the server.",
                "security": [{}, {"apiKey": []}],
                "requestBody": {
                  "required": true,
                  "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ScanSubmission"}}}
                },
                "responses": {
                  "202": {
                    "description": "Queued; Location names the scan.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ScanStatus"}}}
                  },
                  "default": {"$ref": "#/components/responses/Problem"}
                }
              }
            },
            "/api/v1/scans/{id}": {
              "get": {
                "operationId": "getScan",
                "summary": "Where a scan stands",
                "security": [{}, {"apiKey": []}],
                "parameters": [{"$ref": "#/components/parameters/scanId"}],
                "responses": {
                  "200": {
                    "description": "OK",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ScanStatus"}}}
                  },
                  "default": {"$ref": "#/components/responses/Problem"}
                }
              }
            },
            "/api/v1/scans/{id}/events": {
              "get": {
                "operationId": "followScan",
                "summary": "Follow a scan (Server-Sent Events: progress, then end)",
                "security": [{}, {"apiKey": []}],
                "parameters": [{"$ref": "#/components/parameters/scanId"}],
                "responses": {
                  "200": {"description": "OK", "content": {"text/event-stream": {"schema": {"type": "string"}}}},
                  "default": {"$ref": "#/components/responses/Problem"}
                }
              }
            },
            "/api/v1/scans/{id}/report": {
              "get": {
                "operationId": "getReport",
                "summary": "A finished scan's report",
                "security": [{}, {"apiKey": []}],
                "parameters": [
                  {"$ref": "#/components/parameters/scanId"},
                  {
                    "name": "format",
                    "in": "query",
                    "required": false,
                    "description": "The report format (json by default).",
                    "schema": {"enum": ["text", "json", "sarif", "junit", "markdown", "csv", "html", "oscal"]}
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The report in the format asked for.",
                    "content": {
                      "application/json": {"schema": {}},
                      "application/sarif+json": {"schema": {}},
                      "application/xml": {"schema": {}},
                      "text/plain": {"schema": {}},
                      "text/markdown": {"schema": {}},
                      "text/csv": {"schema": {}},
                      "text/html": {"schema": {}}
                    }
                  },
                  "default": {"$ref": "#/components/responses/Problem"}
                }
              }
            },
            "/api/v1/targets": {
              "get": {
                "operationId": "listTargets",
                "summary": "Scanned targets, with their latest scan and open findings by severity",
                "security": [{"apiKey": []}],
                "responses": {
                  "200": {
                    "description": "OK",
                    "content": {
                      "application/json": {
                        "schema": {
                          "type": "object",
                          "required": ["targets"],
                          "properties": {"targets": {"type": "array", "items": {"$ref": "#/components/schemas/Target"}}}
                        }
                      }
                    }
                  },
                  "default": {"$ref": "#/components/responses/Problem"}
                }
              }
            },
            "/api/v1/targets/scans": {
              "get": {
                "operationId": "listTargetScans",
                "summary": "A target's recorded scans, newest first",
                "security": [{"apiKey": []}],
                "parameters": [
                  {
                    "name": "target",
                    "in": "query",
                    "required": true,
                    "description": "The target's base URL.",
                    "schema": {"type": "string", "minLength": 1}
                  },
                  {
                    "name": "before",
                    "in": "query",
                    "required": false,
                    "description": "Only scans numbered below this (the previous page's next).",
                    "schema": {"type": "integer", "minimum": 1, "maximum": 9007199254740991}
                  },
                  {"$ref": "#/components/parameters/limit"}
                ],
                "responses": {
                  "200": {
                    "description": "OK",
                    "content": {
                      "application/json": {
                        "schema": {
                          "type": "object",
                          "required": ["items"],
                          "properties": {
                            "items": {"type": "array", "items": {"$ref": "#/components/schemas/ScanRecord"}},
                            "next": {"type": "string"}
                          }
                        }
                      }
                    }
                  },
                  "default": {"$ref": "#/components/responses/Problem"}
                }
              }
            },
            "/api/v1/findings": {
              "get": {
                "operationId": "listFindings",
                "summary": "Tracked findings, nearest deadline first, a page at a time",
                "security": [{"apiKey": []}],
                "parameters": [
                  {
                    "name": "status",
                    "in": "query",
                    "required": false,
                    "description": "The state (open by default).",
                    "schema": {"enum": ["open", "fixed", "accepted", "false-positive"]}
                  },
                  {
                    "name": "severity",
                    "in": "query",
                    "required": false,
                    "description": "Only this severity.",
                    "schema": {"enum": ["critical", "high", "medium", "low", "info"]}
                  },
                  {
                    "name": "target",
                    "in": "query",
                    "required": false,
                    "description": "Only this target's.",
                    "schema": {"type": "string", "minLength": 1}
                  },
                  {
                    "name": "cursor",
                    "in": "query",
                    "required": false,
                    "description": "The previous page's next.",
                    "schema": {"type": "string", "pattern": "^(-|[0-9]{1,15})\\.[0-9a-f]{1,64}$"}
                  },
                  {"$ref": "#/components/parameters/limit"}
                ],
                "responses": {
                  "200": {
                    "description": "OK",
                    "content": {
                      "application/json": {
                        "schema": {
                          "type": "object",
                          "required": ["items"],
                          "properties": {
                            "items": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
                            "next": {"type": "string"}
                          }
                        }
                      }
                    }
                  },
                  "default": {"$ref": "#/components/responses/Problem"}
                }
              }
            },
            "/api/v1/findings/counts": {
              "get": {
                "operationId": "countFindings",
                "summary": "Tracked findings by state and severity",
                "security": [{"apiKey": []}],
                "parameters": [
                  {
                    "name": "target",
                    "in": "query",
                    "required": false,
                    "description": "Only this target's.",
                    "schema": {"type": "string", "minLength": 1}
                  }
                ],
                "responses": {
                  "200": {
                    "description": "OK",
                    "content": {
                      "application/json": {
                        "schema": {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/Counts"}}
                      }
                    }
                  },
                  "default": {"$ref": "#/components/responses/Problem"}
                }
              }
            },
            "/api/v1/findings/{id}": {
              "get": {
                "operationId": "getFinding",
                "summary": "A finding's life, with its proof of fix",
                "security": [{"apiKey": []}],
                "parameters": [{"$ref": "#/components/parameters/findingId"}],
                "responses": {
                  "200": {
                    "description": "OK",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/FindingHistory"}}}
                  },
                  "default": {"$ref": "#/components/responses/Problem"}
                }
              }
            },
            "/api/v1/findings/{id}/accept": {
              "post": {
                "operationId": "acceptFinding",
                "summary": "Accept a finding's risk or mark it a false positive (admin)",
                "security": [{"apiKey": []}],
                "parameters": [{"$ref": "#/components/parameters/findingId"}],
                "requestBody": {
                  "required": true,
                  "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Decision"}}}
                },
                "responses": {
                  "200": {
                    "description": "OK",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Finding"}}}
                  },
                  "default": {"$ref": "#/components/responses/Problem"}
                }
              }
            },
            "/api/v1/audit/verify": {
              "get": {
                "operationId": "verifyAudit",
                "summary": "Verify the audit chain and its signed checkpoints",
                "security": [{"apiKey": []}],
                "responses": {
                  "200": {"description": "OK", "content": {"application/json": {"schema": {"type": "object"}}}},
                  "default": {"$ref": "#/components/responses/Problem"}
                }
              }
            },
            "/api/v1/audit/log": {
              "get": {
                "operationId": "listAudit",
                "summary": "Audit entries in order, a page at a time",
                "security": [{"apiKey": []}],
                "parameters": [
                  {
                    "name": "after",
                    "in": "query",
                    "required": false,
                    "description": "Only entries numbered above this (the previous page's next).",
                    "schema": {"type": "integer", "minimum": 0, "maximum": 9007199254740991}
                  },
                  {"$ref": "#/components/parameters/limit"}
                ],
                "responses": {
                  "200": {
                    "description": "OK",
                    "content": {
                      "application/json": {
                        "schema": {
                          "type": "object",
                          "required": ["items"],
                          "properties": {
                            "items": {"type": "array", "items": {"$ref": "#/components/schemas/AuditEntry"}},
                            "next": {"type": "string"}
                          }
                        }
                      }
                    }
                  },
                  "default": {"$ref": "#/components/responses/Problem"}
                }
              }
            },
            "/api/v1/evidence/bundle": {
              "get": {
                "operationId": "exportEvidence",
                "summary": "A signed evidence bundle of a target over a period",
                "security": [{"apiKey": []}],
                "parameters": [
                  {
                    "name": "target",
                    "in": "query",
                    "required": true,
                    "description": "The target's base URL.",
                    "schema": {"type": "string", "minLength": 1}
                  },
                  {
                    "name": "from",
                    "in": "query",
                    "required": true,
                    "description": "First day (YYYY-MM-DD).",
                    "schema": {"type": "string", "format": "date"}
                  },
                  {
                    "name": "to",
                    "in": "query",
                    "required": true,
                    "description": "Day after the last (YYYY-MM-DD).",
                    "schema": {"type": "string", "format": "date"}
                  }
                ],
                "responses": {
                  "200": {
                    "description": "OK",
                    "content": {
                      "application/zip": {"schema": {"type": "string", "contentMediaType": "application/zip"}}
                    }
                  },
                  "default": {"$ref": "#/components/responses/Problem"}
                }
              }
            },
            "/api/v1/openapi.json": {
              "get": {
                "operationId": "getOpenAPI",
                "summary": "This document",
                "security": [{}],
                "responses": {
                  "200": {
                    "description": "The OpenAPI 3.1 document.",
                    "content": {"application/json": {"schema": {"type": "object"}}}
                  }
                }
              }
            }
          }
        }
        """#
}
