"""A mapping sets the same key twice.

## What it finds
A JSON object or YAML mapping in which a key appears a second time, anywhere in the
file, tags in the request's map form included. The finding points at the second
occurrence and names the line of the first.

A key that a YAML merge key (`<<: *defaults`) brings in and the mapping then sets
itself is an override, not a duplicate, and is not reported.

## Why it matters
JSON and YAML leave the meaning of a repeated key open, and the AWS tools do not
reject it: Python's `json` module keeps the last value without a warning. One of the
two values is silently dropped, and a reviewer who reads the first one believes in a
setting that is never sent, such as a narrower list of accounts that receive logs.

## Failing example
```json
{
    "membershipIdentifier": "5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f",
    "configuredModelAlgorithmArn": "arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
    "name": "churn-training",
    "name": "churn-training-v2"
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
- RFC 8259, section 4: names within an object should be unique, and receivers differ
  in what they do when they are not.
- YAML Ain't Markup Language (YAML) version 1.2.2: mapping keys are unique.
- Python documentation, `json` module: repeated names keep the last value.
"""

ID = "CRML002"
NAME = "duplicate-key"
LEVEL = "error"
SUMMARY = "A mapping sets the same key twice; only the last value is kept."
