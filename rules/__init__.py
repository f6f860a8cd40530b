"""The built-in rules of crml-lint, one module per rule.

Each module follows the interface described in `crml_lint.rule`: constants ID, NAME, LEVEL,
SUMMARY (and OPTIONS where the rule has any), a Markdown docstring that is the rule's
documentation, and a `check(association, options)` generator unless the API-contract check
reports the rule. The registry finds every module in this package; module names start with
the rule ID in lower case so that a listing reads in catalog order.
"""
