"""A string that does not have the form its field demands.

## What it finds
A string that breaks its field's pattern:

- `membershipIdentifier`: a lowercase UUID such as `5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f`;
- `configuredModelAlgorithmArn`: the ARN of a configured model algorithm,
  `arn:aws:cleanrooms-ml:REGION:ACCOUNT:configured-model-algorithm/ID`;
- `name`: not blank, and tab or characters U+0020 to U+D7FF and U+E000 to U+FFFD, so no
  emoji or other character above U+FFFF; `description`: the same characters plus line feed
  and carriage return;
- each `allowedAccountIds` entry: an AWS account ID of 12 digits;
- each custom data identifier: letters, digits, space and `_ # = @ / ; , - ^ $ ? [ ] { } | \\ * + . ( )`.

For a character that is not allowed, the finding points at that character. Where the
value is right but for white space around it, separators or uppercase letters, the fix
gives the corrected value. A string
of the wrong length is reported by CRML105 alone, and a tag key with the reserved `aws:`
prefix by CRML404.

## Why it matters
The service rejects a request whose strings break these patterns with a
ValidationException. An account ID written as the console shows it (`1111-2222-3333`) is
the common case: it looks right to a reviewer and names no account.

## Failing example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
privacyConfiguration:
  policies:
    trainedModels:
      containerLogs:
        - allowedAccountIds: ["1111-2222-3333"]
          logType: ERROR_SUMMARY
```

## Fixed example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
privacyConfiguration:
  policies:
    trainedModels:
      containerLogs:
        - allowedAccountIds: ["111122223333"]
          logType: ERROR_SUMMARY
```

## Options
None.

## References
- AWS Clean Rooms ML API reference, CreateConfiguredModelAlgorithmAssociation, with each
  field's pattern: https://docs.aws.amazon.com/cleanrooms-ml/latest/APIReference/API_CreateConfiguredModelAlgorithmAssociation.html
- The patterns in `schemas/association.schema.json`, written so that editors (ECMA-262
  with the `u` flag) and Python's `re` read them alike.
"""

ID = "CRML107"
NAME = "pattern-mismatch"
LEVEL = "error"
SUMMARY = "A string that does not have the form its field demands (UUID, ARN, account ID, allowed characters)."
