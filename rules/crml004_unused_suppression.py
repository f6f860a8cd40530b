"""A suppression that suppresses nothing, or that crml-lint cannot read.

## What it finds
A suppression, written in one of the forms below, that matched no finding of this run, or
that is not written in one of these forms:

- `# crml-lint: disable=CRML207 -- reason` at the end of a YAML line suppresses the named
  rules' findings that start on that line.
- `# crml-lint: disable-next-line=CRML207,CRML208 -- reason` suppresses the findings that
  start on the next line.
- `# crml-lint: disable-file=CRML2 -- reason`, on any line of a YAML file, suppresses the
  named rules' findings in the whole file.
- In a CloudFormation template (JSON or YAML), a resource's `Metadata` entry suppresses
  the named rules' findings of that resource:

  ```yaml
  Metadata:
    crml-lint:
      ignore:
        - id: CRML207
          reason: The algorithm writes no personal data to its logs.
        - CRML408
  ```

Rules are named by ID (`CRML207`) or by prefix (`CRML2`), several separated by commas;
the reason after ` -- ` (or under `reason`) is kept in the JSON and SARIF reports. Each
rule a suppression names is checked on its own, so `disable=CRML207,CRML208` where only
CRML207 finds something reports CRML208.

A suppression of a rule that the run does not select (through `select`, `ignore` or
their command-line options) is not reported: the rule did not run, so it could not find
anything to suppress. A suppression that names this rule, or a prefix of its ID such as
`CRML0`, is never reported as unused, because unused suppressions are only known after
every other suppression has been matched. A JSON request has no comments: silence its
findings with the configuration's per-file ignores instead.

## Why it matters
A suppression outlives the finding it was written for. Once the field is fixed or the
rule is renamed, a forgotten suppression would silently hide the next real finding on
that line, and a misspelt one (`disabel=`, `CRML27`) silences nothing while the author
believes the finding is handled.

## Failing example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training  # crml-lint: disable=CRML207 -- logs are reviewed by hand
```

## Fixed example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
```

## Options
None. Turn the rule off with `ignore = ["CRML004"]` or `--ignore CRML004`.

## References
- ruff's `unused-noqa` rule (RUF100) and eslint's `--report-unused-disable-directives`,
  which report unused suppressions for the same reason.
- cfn-lint's resource-level `Metadata: cfn-lint: config: ignore_checks`, the convention
  that the Metadata form follows.
- SARIF 2.1.0, section 3.35 (suppression object): the `inSource` and `external` kinds.
"""

ID = "CRML004"
NAME = "unused-suppression"
LEVEL = "warning"
SUMMARY = "A suppression comment or Metadata entry that suppresses no finding, or that is not a valid suppression."
