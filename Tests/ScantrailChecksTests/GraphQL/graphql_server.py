"""A real GraphQL server (graphql-core, the Python port of graphql-js) on 127.0.0.1 for the
GraphQL check's tests, in one of three faces:

  lax       what a default setup gives: introspection, suggestions, batching, GET and form
            transports, no depth, duplication or directive limits, resolver errors passed through,
            a search argument and a mutation's name argument pasted into SQLite's SQL, and what
            Apollo's development mode adds:
            tracing in `extensions`, stack traces on errors, a GraphiQL page for browsers;
            every answer sets its session cookie;
  bearer    lax, but with tokens instead of a session cookie: no answer sets one;
  limited   introspection on (so depth can be tried), everything else hardened;
  hardened  introspection off, suggestions stripped, JSON POST only, no batches, depth,
            selection, alias and directive limits, errors masked, SQL bound.

Prints "listening PORT" once ready. Usage: python3 graphql_server.py MODE
"""
import json
import re
import sqlite3
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from graphql import (GraphQLError, build_schema, execute, parse, specified_rules, validate)
from graphql.validation import NoSchemaIntrospectionCustomRule, ValidationRule

MODE = sys.argv[1]
LAX = MODE in ("lax", "bearer")
SESSION_COOKIE = MODE == "lax"

SCHEMA = build_schema("""
type Query { users: [User] user(id: ID!): User search(term: String!): [User] me: User }
type User { id: ID! name: String friends: [User] }
type Mutation { rename(name: String!): User }
""")

DATABASE = sqlite3.connect(":memory:", check_same_thread=False)
DATABASE.executescript("CREATE TABLE users (id TEXT, name TEXT); INSERT INTO users VALUES ('1', 'ada'), ('2', 'bob');")
PEOPLE = [{"id": "1", "name": "ada"}, {"id": "2", "name": "bob"}]


def User(fields):
    """A user as the default resolver reads it: a dict whose friends are resolved on demand."""
    return dict(fields, friends=lambda info: [User(p) for p in PEOPLE])


class Root:
    users = [User(p) for p in PEOPLE]
    me = User(PEOPLE[0])

    def user(self, info, id):
        return next((User(p) for p in PEOPLE if p["id"] == id), None)

    def search(self, info, term):
        if LAX:
            rows = DATABASE.execute("SELECT id, name FROM users WHERE name LIKE '%" + term + "%'").fetchall()
        else:
            rows = DATABASE.execute("SELECT id, name FROM users WHERE name LIKE ?", ("%" + term + "%",)).fetchall()
        return [User({"id": r[0], "name": r[1]}) for r in rows]

    def rename(self, info, name):
        # Whether the name is taken, asked before renaming (nothing is changed: a test server).
        if LAX:
            DATABASE.execute("SELECT id FROM users WHERE name = '" + name + "'").fetchall()
        else:
            DATABASE.execute("SELECT id FROM users WHERE name = ?", (name,)).fetchall()
        return User(PEOPLE[0])


def limit_rule(kind, most, message):
    """A validation rule that reports once when a document has more than `most` nodes of `kind`."""

    class Limit(ValidationRule):
        def __init__(self, context):
            super().__init__(context)
            self.count = 0
            self.depth = 0
            self.meta = False

        def enter_field(self, node, *_):
            # As depth limiters usually do, introspection queries are left alone.
            if node.name.value in ("__schema", "__type"):
                self.meta = True
            self.depth += 1
            if kind == "depth" and not self.meta and self.depth > most and self.count == 0:
                self.count = 1
                self.report_error(GraphQLError(message))
            if kind == "field":
                self.count += 1
                if self.count == most + 1:
                    self.report_error(GraphQLError(message))

        def leave_field(self, *_):
            self.depth -= 1

        def enter_directive(self, *_):
            if kind == "directive":
                self.count += 1
                if self.count == most + 1:
                    self.report_error(GraphQLError(message))

    return Limit


HARDENED_RULES = [
    limit_rule("depth", 6, "query depth limit of 6 exceeded"),
    limit_rule("field", 50, "query selects more than 50 fields"),
    limit_rule("directive", 20, "more than 20 directives"),
]


def run(query, allow_mutation=True, variables=None):
    try:
        document = parse(query, max_tokens=None if LAX else 2000)
    except GraphQLError as error:
        if LAX:
            trace = ["GraphQLError: " + error.message, "    at parse (/app/node_modules/graphql/language/parser.js:114:11)"]
            return {"errors": [{"message": error.message, "extensions": {"exception": {"stacktrace": trace}}}]}
        return {"errors": [{"message": error.message}]}
    if not LAX:
        # Limits first, alone: an overloaded document is refused before anything else looks at it.
        limited = validate(SCHEMA, document, HARDENED_RULES)
        if limited:
            return {"errors": [{"message": limited[0].message}]}
    rules = list(specified_rules) + ([] if LAX or MODE == "limited" else [NoSchemaIntrospectionCustomRule])
    errors = validate(SCHEMA, document, rules)
    if errors:
        messages = [e.message if LAX else re.sub(r" Did you mean .*\?$", "", e.message) for e in errors]
        return {"errors": [{"message": m} for m in messages]}
    if not allow_mutation and any(getattr(d, "operation", None) and d.operation.value == "mutation" for d in document.definitions):
        return {"errors": [{"message": "mutations need POST"}]}
    result = execute(SCHEMA, document, root_value=Root(), variable_values=variables)
    answer = {"data": result.data}
    if LAX:
        answer["extensions"] = {"tracing": {"version": 1, "startTime": "2026-12-02T00:00:00Z", "duration": 1200}}
    if result.errors:
        answer["errors"] = [{"message": e.message if LAX else "Internal server error"} for e in result.errors]
    return answer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *_):
        pass

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        if SESSION_COOKIE:
            self.send_header("Set-Cookie", "session=3f9a61c2; Path=/; HttpOnly")
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urlparse(self.path)
        if url.path != "/graphql":
            return self.answer(404, {"error": "not found"})
        if not LAX:
            return self.answer(405, {"errors": [{"message": "GET is not supported"}]})
        query = parse_qs(url.query).get("query", [""])[0]
        if not query and "text/html" in self.headers.get("Accept", ""):
            page = b"<!doctype html><title>GraphiQL</title><div id=graphiql>Loading GraphiQL...</div>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            return self.wfile.write(page)
        self.answer(200, run(query))

    def do_POST(self):
        if urlparse(self.path).path != "/graphql":
            return self.answer(404, {"error": "not found"})
        raw = self.rfile.read(int(self.headers.get("Content-Length", "0") or 0))
        kind = self.headers.get("Content-Type", "")
        if kind.startswith("application/json"):
            try:
                body = json.loads(raw)
            except ValueError:
                return self.answer(400, {"errors": [{"message": "malformed JSON"}]})
            if isinstance(body, list):
                if not LAX:
                    return self.answer(400, {"errors": [{"message": "batching is disabled"}]})
                return self.answer(200, [run(item.get("query", "")) for item in body])
            return self.answer(200, run(body.get("query", ""), variables=body.get("variables")))
        if not LAX:
            return self.answer(415, {"errors": [{"message": "only application/json"}]})
        text = raw.decode("utf-8", "replace")
        if kind.startswith("application/x-www-form-urlencoded"):
            query = parse_qs(text).get("query", [""])[0]
        elif kind.startswith("multipart/form-data"):
            found = re.search(r'name="query"\r\n\r\n(.*?)\r\n--', text, re.S)
            query = found.group(1) if found else ""
        else:
            return self.answer(415, {"errors": [{"message": "unsupported media type"}]})
        self.answer(200, run(query, allow_mutation=False))


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print("listening", server.server_address[1], flush=True)
server.serve_forever()
