"""Shared base for the API models: Pythonic field names, the API's names on the wire.

The API names ids with a leading underscore (`_integrationId`) and everything else in
camelCase. Models use snake_case attributes and translate in exactly one place: the alias
generator below. Models are *tolerant*: fields they do not know are kept (``extra="allow"``)
and written back unchanged, so a GET-modify-PUT never erases what another client wrote.
"""

from __future__ import annotations

import re
from typing import Any, Self

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel


def api_alias(name: str) -> str:
    """`integration_id` -> `_integrationId`, `page_generators` -> `pageGenerators`, `id` -> `_id`,
    `relative_uri` -> `relativeURI` (the API spells URI in capitals)."""
    if name == "id":
        return "_id"
    camel = re.sub(r"Uri(?=[A-Z]|$)", "URI", to_camel(name))
    if name.endswith(("_id", "_ids")):
        return "_" + camel
    return camel


class ApiModel(BaseModel):
    """A document of the integrator.io API."""

    model_config = ConfigDict(
        alias_generator=api_alias,
        populate_by_name=True,
        extra="allow",
        validate_assignment=True,
    )

    @classmethod
    def from_api(cls, data: Any) -> Self:
        """Parse a document as the API sends it (API field names)."""
        return cls.model_validate(data)

    def to_api(self) -> dict[str, Any]:
        """The document in the API's names, with only the fields that were present or set."""
        return self.model_dump(by_alias=True, exclude_unset=True, exclude_none=True, mode="json")

    def to_python(self) -> dict[str, Any]:
        """The document in snake_case names (unknown fields keep their API names)."""
        return self.model_dump(by_alias=False, exclude_unset=True, exclude_none=True, mode="json")
