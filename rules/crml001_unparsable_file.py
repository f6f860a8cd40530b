"""The file is not valid JSON or YAML, so nothing in it can be checked.

## What it finds
A JSON file that RFC 8259 rejects, or a YAML stream that does not parse. The finding
points where parsing stopped, and the message states what was expected there. In JSON
that covers trailing commas, comments, single quotes, unquoted keys, raw line breaks
or other control characters in strings, invalid escapes, leading zeros (`012`),
numbers written `+1` or `.5`, and text after the closing brace. In YAML it covers
indentation that does not line up, unclosed quotes and brackets, aliases of
undefined anchors, tabs used for indentation and characters YAML does not allow.

The file is also unparsable when it is not UTF-8 text, when a JSON file is empty, when
objects and arrays nest more than 128 levels deep, or when an integer has more than
4300 digits, the most that Python converts by default. A file that names an association
field but is larger than 16 MiB, or contains more than 250,000 values, is not checked and
gets this finding too: no request or template comes near that size (CloudFormation
accepts templates of at most 1 MB), and reading it would only cost time and memory.

## Why it matters
The AWS CLI reads `--cli-input-json` with Python's `json` module and
`--cli-input-yaml` with a YAML 1.2 parser, and it rejects the whole request on the
first syntax error. No other rule can check a file that does not load, so every other
mistake in it stays hidden until this one is fixed.

## Failing example
```json
{
    "membershipIdentifier": "5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f",
    "configuredModelAlgorithmArn": "arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
    "name": "churn-training",
}
```

## Fixed example
```json
{
    "membershipIdentifier": "5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f",
    "configuredModelAlgorithmArn": "arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
    "name": "churn-training"
}
```

## Options
None.

## References
- RFC 8259, The JavaScript Object Notation (JSON) Data Interchange Format.
- YAML Ain't Markup Language (YAML) version 1.2.2, the specification.
- AWS Command Line Interface User Guide, "AWS CLI skeletons and input files in the AWS
  CLI" (`--cli-input-json`, `--cli-input-yaml`).
"""

ID = "CRML001"
NAME = "unparsable-file"
LEVEL = "error"
SUMMARY = "The file is not valid JSON or YAML."
