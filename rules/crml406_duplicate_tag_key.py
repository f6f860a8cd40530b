"""The same tag key twice in a CloudFormation template's tag list.

## What it finds
Two items of a template's `Tags` list with the same `Key`, whether their values differ or
not. Keys compare exactly, since tag keys are case-sensitive: `Owner` and `owner` are two
keys. The finding points at the second `Key` and names the item that set it first.

This rule applies to CloudFormation templates only. In an API request tags are a map, so
a repeated tag key is a repeated mapping key, which CRML002 reports.

## Why it matters
A resource carries each tag key once. CloudFormation rejects a template whose tag list
repeats a key, so the stack fails to create or update; where a tool passes such a list on,
one of the two values is dropped without a word. The second item is usually a copy that
was meant to get a new key.

## Failing example
```yaml
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  ChurnAssociation:
    Type: AWS::CleanRoomsML::ConfiguredModelAlgorithmAssociation
    Properties:
      MembershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
      ConfiguredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
      Name: churn-training
      Tags:
        - Key: team
          Value: data-science
        - Key: team
          Value: analytics
```

## Fixed example
```yaml
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  ChurnAssociation:
    Type: AWS::CleanRoomsML::ConfiguredModelAlgorithmAssociation
    Properties:
      MembershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
      ConfiguredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
      Name: churn-training
      Tags:
        - Key: team
          Value: data-science
        - Key: reviewing-team
          Value: analytics
```

## Options
None.

## References
- AWS CloudFormation User Guide, `AWS::CleanRoomsML::ConfiguredModelAlgorithmAssociation`,
  whose `Tags` property is a list of key-value pairs:
  https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cleanroomsml-configuredmodelalgorithmassociation.html
- AWS Clean Rooms ML API reference, CreateConfiguredModelAlgorithmAssociation, on tags:
  each key is unique and has one value.
"""

ID = "CRML406"
NAME = "duplicate-tag-key"
LEVEL = "error"
SUMMARY = "The same tag key twice in a CloudFormation template's tag list."
