"""Validates a SARIF log against the SARIF 2.1.0 JSON schema.

validate_sarif.py SCHEMA LOG [--without KEY]: exit 0 when LOG is valid, 1
with the first error when it is not. --without drops a top-level key first,
so a test can show that the validation rejects a broken log."""
import argparse
import json
import sys

import jsonschema

parser = argparse.ArgumentParser()
parser.add_argument("schema")
parser.add_argument("log")
parser.add_argument("--without")
args = parser.parse_args()
with open(args.schema, encoding="utf-8") as f:
    schema = json.load(f)
with open(args.log, encoding="utf-8") as f:
    log = json.load(f)
if args.without:
    log.pop(args.without, None)
try:
    jsonschema.validate(log, schema)
except jsonschema.ValidationError as err:
    print(f"invalid: {err.message}")
    sys.exit(1)
print("valid SARIF 2.1.0")
