"""The API request format: what `aws cleanroomsml create-configured-model-algorithm-association`
takes with `--cli-input-json` or `--cli-input-yaml`, and the keyword arguments of boto3's
`create_configured_model_algorithm_association`.

The request is the canonical document itself: camelCase keys and tags as a map, so the
loaded tree is checked as it is.
"""

from __future__ import annotations

from typing import Optional

from ..association import Association, InputFormat
from ..document import MappingNode
from ..loading import LoadedDocument
from ..source import SourceFile

API_REQUEST = InputFormat(name="api-request", title="API request", schema="association.schema.json")

# Fields that only a request of this operation has. Generic names (name, description, tags)
# are left out so that package.json and the like are never taken for a request.
_DISTINCTIVE_FIELDS = ("membershipidentifier", "configuredmodelalgorithmarn", "privacyconfiguration")

# Top-level keys of a CloudFormation template: such a document is for the template format.
_TEMPLATE_KEYS = ("AWSTemplateFormatVersion", "Resources")


def recognise(document: LoadedDocument, source: SourceFile) -> Optional[list[Association]]:
    """The request in `document` as an association, or None when the document is not a request."""
    root = document.root
    if not isinstance(root, MappingNode) or any(key in root for key in _TEMPLATE_KEYS):
        return None
    folded_keys = [_folded(key) for key in root.keys]
    if not any(key in _DISTINCTIVE_FIELDS for key in folded_keys) and not any(_near_distinctive(key) for key in folded_keys):
        return None
    return [Association(document=root, input_format=API_REQUEST, source=source, document_index=document.index)]


def _folded(key: str) -> str:
    return key.lower().replace("_", "").replace("-", "")


def _near_distinctive(folded_key: str) -> bool:
    # Letter case and one or two typing slips still mark a request (`MembershipIdentifier`,
    # `membershipIdentifer`): the unknown-field rule then says what the key should be.
    # difflib is imported only here, for a request without one field spelt right, since
    # importing it costs start-up time.
    import difflib

    return bool(difflib.get_close_matches(folded_key, _DISTINCTIVE_FIELDS, n=1, cutoff=0.85))
