"""LinkIndex: the links of the open article in both directions (no Qt)."""

from annotator.core.link_index import LinkIndex


def test_partners_are_found_from_either_end():
    links = LinkIndex([("attribution", "quote"), ("second", "quote")])
    assert links.partners("attribution") == ["quote"]
    assert links.partners("quote") == ["attribution", "second"]
    assert "quote" in links and "attribution" in links and "other" not in links
    assert len(links) == 2


def test_relinking_replaces_the_old_link_and_clears_its_reverse():
    links = LinkIndex([("a", "b")])
    links.set_link("a", "c")
    assert links.target("a") == "c"
    assert "b" not in links and links.partners("c") == ["a"]
    links.set_link("a", None)
    assert len(links) == 0 and "a" not in links and "c" not in links


def test_forgetting_an_annotation_drops_its_links_both_ways():
    links = LinkIndex([("a", "b"), ("b", "c"), ("d", "c")])
    links.forget("b")
    assert "a" not in links and "b" not in links
    assert links.partners("c") == ["d"]


def test_a_self_link_is_no_link():
    links = LinkIndex([("a", "a")])
    assert "a" not in links
