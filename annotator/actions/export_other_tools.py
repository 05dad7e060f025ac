"""Writers of the formats of other annotation tools (Label Studio, doccano), for the registry
(:mod:`annotator.actions.export_formats`). Both carry every typed relation, not only the link."""

from __future__ import annotations

from functools import partial

from annotator.actions.export_writers import write_json_documents


def write_label_studio(project, destination, filters, options, report) -> None:
    from annotator.core.formats.label_studio import write_label_studio as write

    writer = partial(write, relations=project.relations.all())
    write_json_documents(writer, project, destination, filters, options, report)


def write_doccano(project, destination, filters, options, report) -> None:
    from annotator.core.formats.doccano import write_doccano as write

    writer = partial(write, relations=project.relations.all())
    write_json_documents(writer, project, destination, filters, options, report)
