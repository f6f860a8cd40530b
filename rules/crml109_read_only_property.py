"""A read-only property set in a CloudFormation template.

## What it finds
`CollaborationIdentifier` or `ConfiguredModelAlgorithmAssociationArn` among the
`Properties` of an `AWS::CleanRoomsML::ConfiguredModelAlgorithmAssociation` resource.
CloudFormation sets both once it has created the association, and a template can read
them with `!GetAtt`, but not set them. The finding points at the property's key. This rule
applies to CloudFormation templates only; the API request has no such fields.

## Why it matters
The resource type's schema marks these properties read-only: the value comes from the
service, never from the template, so a value written there is at best ignored and at worst
rejects the stack (cfn-lint reports such properties as errors, E3040). The values often
come from copying the output of
`get-configured-model-algorithm-association` into a template: the collaboration is
already named by the membership, and the association's ARN does not exist before the
resource does.

## Failing example
```yaml
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  ChurnAssociation:
    Type: AWS::CleanRoomsML::ConfiguredModelAlgorithmAssociation
    Properties:
      MembershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
      CollaborationIdentifier: 0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f
      ConfiguredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
      Name: churn-training
```

## Fixed example
Leave the property out; where another resource needs it, read it with `!GetAtt`:
```yaml
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  ChurnAssociation:
    Type: AWS::CleanRoomsML::ConfiguredModelAlgorithmAssociation
    Properties:
      MembershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
      ConfiguredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
      Name: churn-training
Outputs:
  CollaborationId:
    Value: !GetAtt ChurnAssociation.CollaborationIdentifier
```

## Options
None.

## References
- AWS CloudFormation User Guide, `AWS::CleanRoomsML::ConfiguredModelAlgorithmAssociation`,
  whose return values include CollaborationIdentifier and ConfiguredModelAlgorithmAssociationArn:
  https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cleanroomsml-configuredmodelalgorithmassociation.html
- The resource type's schema, which lists both under `readOnlyProperties`.
"""

ID = "CRML109"
NAME = "read-only-property"
LEVEL = "error"
SUMMARY = "A read-only property (CollaborationIdentifier, ConfiguredModelAlgorithmAssociationArn) set in a CloudFormation template."
