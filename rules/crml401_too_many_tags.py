"""More than 50 tags.

## What it finds
An association with more than 50 tags. The finding points at the `tags` key.

The API's service model would take a map of up to 200 entries, but the documented limit,
and the one AWS enforces per resource, is 50 tags.

## Why it matters
The request is rejected, so the association is not created. Tags added by automation
(cost allocation, ownership, compliance) grow unnoticed until one more breaks the limit.

## Failing example
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
tags: {
  t01: a, t02: a, t03: a, t04: a, t05: a, t06: a, t07: a, t08: a, t09: a, t10: a,
  t11: a, t12: a, t13: a, t14: a, t15: a, t16: a, t17: a, t18: a, t19: a, t20: a,
  t21: a, t22: a, t23: a, t24: a, t25: a, t26: a, t27: a, t28: a, t29: a, t30: a,
  t31: a, t32: a, t33: a, t34: a, t35: a, t36: a, t37: a, t38: a, t39: a, t40: a,
  t41: a, t42: a, t43: a, t44: a, t45: a, t46: a, t47: a, t48: a, t49: a, t50: a,
  t51: a
}
```

## Fixed example
Keep the tags that someone reads, and at most 50:
```yaml
membershipIdentifier: 5f7d2a6e-3b1c-4e8a-9d2f-0a1b2c3d4e5f
configuredModelAlgorithmArn: arn:aws:cleanrooms-ml:us-east-1:111122223333:configured-model-algorithm/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f
name: churn-training
tags:
  team: data-science
  cost-center: "4711"
```

## Options
None.

## References
- AWS Clean Rooms ML API reference, CreateConfiguredModelAlgorithmAssociation, on tags:
  at most 50 per resource; keys with the `aws:` prefix do not count:
  https://docs.aws.amazon.com/cleanrooms-ml/latest/APIReference/API_CreateConfiguredModelAlgorithmAssociation.html
"""

ID = "CRML401"
NAME = "too-many-tags"
LEVEL = "error"
SUMMARY = "More than 50 tags."
