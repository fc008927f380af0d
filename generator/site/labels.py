"""Source labels: how the pages name a source. Its outlet and title as the text or a person gives them,
else a neutral "Source 3" (its place in the story's file order): a file name is never shown where an
outlet or a title belongs, only in small print beside them."""

from __future__ import annotations

from dataclasses import dataclass

from generator.models import ArticleFacts, Source

TYPE_LABELS = {  # Source.type: how a reader is told what kind of outlet it is
    "agency": "news agency",
    "agency copy": "rewrite of agency copy",
    "broadcaster": "broadcaster",
    "newspaper": "newspaper",
    "magazine": "magazine",
    "online": "online outlet",
    "state media": "state media",
}


@dataclass(frozen=True)
class SourceLabel:
    """A source as the pages name it."""

    number: int  # 1-based, in the story's file order
    source: Source

    @property
    def neutral(self) -> str:
        """'Source 3': the name of a source whose text names neither outlet nor title."""
        return f"Source {self.number}"

    @property
    def outlet(self) -> str:
        """The publisher, with the site that carried its text ('AFP via Example News'); else neutral."""
        src = self.source
        if src.publisher and src.via:
            return f"{src.publisher} via {src.via}"
        return src.publisher or src.via or self.neutral

    @property
    def title(self) -> str:
        """The headline, else neutral."""
        return " ".join((self.source.title or self.neutral).split())

    @property
    def kind(self) -> str | None:
        """What kind of outlet it is, for a reader ('rewrite of agency copy'), when known."""
        return TYPE_LABELS.get(self.source.type or "")

    @property
    def named(self) -> bool:
        """Whether the outlet is known (else `outlet` is the neutral name)."""
        return bool(self.source.publisher or self.source.via)


def source_labels(facts: list[ArticleFacts]) -> dict[str, SourceLabel]:
    """{source file: label} of a story's sources, numbered in file order."""
    files = sorted(af.source.file for af in facts)
    by_file = {af.source.file: af.source for af in facts}
    return {f: SourceLabel(i, by_file[f]) for i, f in enumerate(files, 1)}
