"""Prints, per result of a SARIF log, its golife fingerprint, rule and file:
what must stay the same when lines are added above a finding.

sarif_fingerprints.py LOG"""
import json
import sys

with open(sys.argv[1], encoding="utf-8") as f:
    log = json.load(f)
for result in log["runs"][0]["results"]:
    where = result["locations"][0]["physicalLocation"]["artifactLocation"]
    print(result["partialFingerprints"]["golife/v1"], result["ruleId"],
          where.get("uriBaseId", "-"), where["uri"])
