"""Compares the accepted protocol/suite sets of sslscan, sslyze and testssl.sh with Scantrail's.

Reads the reports Benchmarks/tls.sh left in the folder given as the only argument and prints one
line per peer tool: its name, then "same" or what differs.
"""
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

folder = sys.argv[1]
VERSIONS = {"sslv3": "SSLv3", "tls10": "TLSv1.0", "tls11": "TLSv1.1", "tls12": "TLSv1.2", "tls13": "TLSv1.3"}

# IANA names by suite value and by OpenSSL name, from the local openssl.
listing = subprocess.run(
    ["openssl", "ciphers", "-V", "-stdname", "ALL:COMPLEMENTOFALL:@SECLEVEL=0"], capture_output=True, text=True
).stdout
by_code, by_openssl = {}, {}
for line in listing.splitlines():
    match = re.match(r"\s*0x([0-9A-F]{2}),0x([0-9A-F]{2}) - (\S+)\s+- (\S+)", line)
    if match:
        by_code[int(match.group(1) + match.group(2), 16)] = match.group(3)
        by_openssl[match.group(4)] = match.group(3)


def scantrail():
    report = json.load(open(f"{folder}/scantrail.json"))
    return {(VERSIONS[p["version"]], suite) for p in report["protocols"] for suite in p["suites"]}


def sslscan():
    root = ElementTree.parse(f"{folder}/sslscan.xml").getroot()
    return {
        (cipher.get("sslversion"), by_code.get(int(cipher.get("id"), 16), cipher.get("cipher")))
        for cipher in root.iter("cipher")
        if cipher.get("status") in ("accepted", "preferred")
    }


def sslyze():
    report = json.load(open(f"{folder}/sslyze.json"))
    found = set()
    for server in report["server_scan_results"]:
        for key, version in [("ssl_3_0", "SSLv3"), ("tls_1_0", "TLSv1.0"), ("tls_1_1", "TLSv1.1"),
                             ("tls_1_2", "TLSv1.2"), ("tls_1_3", "TLSv1.3")]:
            result = (server["scan_result"] or {}).get(f"{key}_cipher_suites", {}).get("result") or {}
            for accepted in result.get("accepted_cipher_suites", []):
                found.add((version, accepted["cipher_suite"]["name"]))
    return found


def testssl():
    found = set()
    for entry in json.load(open(f"{folder}/testssl.json")):
        match = re.match(r"cipher-(tls1_3|tls1_2|tls1_1|tls1|ssl3)_x([0-9a-f]+)", entry["id"])
        if match:
            version = {"tls1_3": "TLSv1.3", "tls1_2": "TLSv1.2", "tls1_1": "TLSv1.1", "tls1": "TLSv1.0",
                       "ssl3": "SSLv3"}[match.group(1)]
            code = int(match.group(2), 16)
            found.add((version, by_code.get(code, hex(code))))
    return found


reference = scantrail()
for name, reader in [("sslscan", sslscan), ("sslyze", sslyze), ("testssl.sh", testssl)]:
    try:
        theirs = reader()
    except Exception as error:  # a tool that wrote no report
        print(f"{name} no report ({type(error).__name__})")
        continue
    missing, extra = sorted(reference - theirs), sorted(theirs - reference)
    if not missing and not extra:
        print(f"{name} same ({len(theirs)} version/suite pairs)")
    else:
        parts = []
        if missing:
            parts.append(f"{len(missing)} only Scantrail found: " + ", ".join(f"{v} {s}" for v, s in missing[:3]))
        if extra:
            parts.append(f"{len(extra)} only {name} found: " + ", ".join(f"{v} {s}" for v, s in extra[:3]))
        print(f"{name} " + "; ".join(parts))
