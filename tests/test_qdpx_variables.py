"""Article-level variables in a .qdpx: one coder's values as typed REFI Variables."""

import zipfile
from xml.etree import ElementTree as ET

import pytest

from annotator.actions import variables as ops
from annotator.actions.export import export
from annotator.core.formats.qdpx import check_qdpx
from tests.variable_fixtures import add_articles, add_variables

NS = {"r": "urn:QDA-XML:project:1.0"}


@pytest.fixture
def exported(project_file, tmp_path):
    project = project_file
    add_variables(project)
    ids = add_articles(project, 3)
    ops.code_from_text(project, ids[0], ["tone=negative", "frames=conflict;economic", "sources=3", "victim=yes"], "maria")
    path = tmp_path / "study.qdpx"
    export(project, "qdpx", path, annotators=["maria"])
    return path, ids


def test_values_are_typed_variables_of_the_sources(exported):
    path, ids = exported
    root = ET.fromstring(zipfile.ZipFile(path).read("project.qde"))
    variables = {v.get("name"): v for v in root.find("r:Variables", NS)}
    assert variables["tone"].get("typeOfVariable") == "Text"
    assert variables["victim"].get("typeOfVariable") == "Boolean"
    assert variables["sources"].get("typeOfVariable") == "Float"
    assert "values of maria" in variables["tone"].find("r:Description", NS).text
    by_guid = {v.get("guid"): name for name, v in variables.items()}
    source = root.find("r:Sources", NS)[0]
    values = {by_guid[v.find("r:VariableRef", NS).get("targetGUID")]: v[1].text for v in source.findall("r:VariableValue", NS)}
    assert values["tone"] == "negative" and values["frames"] == "conflict; economic"
    assert values["victim"] == "true" and values["sources"] == "3.0"
    assert check_qdpx(path) == []


def test_the_export_validates_against_the_refi_schema(exported):
    from tests.conftest import SHARED

    xsd = SHARED / "formats" / "refi" / "Project.xsd"
    if not xsd.is_file():
        pytest.skip("../shared is not present")
    import xmlschema

    xmlschema.XMLSchema(str(xsd)).validate(zipfile.ZipFile(exported[0]).read("project.qde").decode("utf-8"))
