"""The YAML has no meaning in JSON, so the request cannot carry it as written.

## What it finds
YAML that the API's JSON request cannot hold:

- a key that is not a string: a plain `1`, `true`, `null`, `1.5` or a mapping or list
  used as a key;
- a tag that is neither standard (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`,
  `!!map`, `!!seq`) nor one of CloudFormation's short forms (`!Ref`, `!GetAtt`, `!Sub`,
  ...). Examples are `!!binary`, `!!set`, `!!omap`, `!!timestamp`, `!!python/...` and a
  local tag such as `!Secret`;
- a standard tag whose value does not fit it (`!!int abc`);
- a merge key (`<<`) whose value is not a mapping or a list of mappings;
- an alias inside the node its anchor names, whose value would repeat without end;
- aliases that expand into more than 100,000 nodes in one file, such as the
  "billion laughs" alias bomb. Loading stops at the alias where expansion starts.

The node is then checked as if it had no tag, and a non-string key as the text it was
written with, so the other rules still run.

## Why it matters
The AWS CLI turns a YAML request into JSON before it sends it. A tag that has no JSON
type is rejected or turned into something the author did not mean, and a key read as a
number or boolean is not the field name it looks like. Expanding an alias bomb takes
more memory than any machine has.

## Failing example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: !Secret churn-training
```

## Fixed example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
```

## Options
None.

## References
- YAML Ain't Markup Language (YAML) version 1.2.2: tags, the JSON and core schemas.
- Language-Independent Types for YAML 1.1 (yaml.org/type): `binary`, `set`, `omap`,
  `timestamp` and `merge`.
- AWS CloudFormation User Guide, intrinsic function reference: the short forms of
  `Ref` and the `Fn::` functions.
"""

ID = "CRML003"
NAME = "unsupported-yaml"
LEVEL = "error"
SUMMARY = "YAML that has no JSON meaning: a non-string key, an unknown tag, a merge of a non-mapping, or an alias bomb."
