"""Tests for autodiff_tr.learn.drawing: node names and edges of known expressions, labels, and
the SVG."""

import base64
import math
import xml.etree.ElementTree as ET

import pytest

import autodiff_tr as ad
from autodiff_tr.learn import drawing

SVG = "{http://www.w3.org/2000/svg}"


def sin_chain():
    a = ad.linspace(0, 2 * math.pi, steps=25, requires_grad=True)
    b = ad.sin(a)
    c = 2 * b
    d = c + 1
    out = d.sum()
    return a, b, c, d, out


def test_chain_nodes_and_edges():
    *_, out = sin_chain()
    g = drawing.draw(out)
    assert [n.name for n in g.nodes] == [
        "SumBackward0",
        "AddBackward0",
        "MulBackward0",
        "SinBackward0",
        "AccumulateGrad",
    ]
    assert [n.kind for n in g.nodes] == ["output", "op", "op", "op", "leaf"]
    assert [n.id for n in g.nodes] == ["n0", "n1", "n2", "n3", "n4"]
    # forward direction: leaf -> sin -> mul -> add -> sum; constants (2 and 1) are not nodes
    assert g.edges == [("n1", "n0"), ("n2", "n1"), ("n3", "n2"), ("n4", "n3")]
    assert g.node("n4").lines == ["(25,)"]  # unnamed leaf: just its shape


def test_params_name_the_tensors_and_show_values_and_leaf_gradients():
    a, b, c, d, out = sin_chain()
    params = {"a": a, "b": b, "c": c, "d": d, "out": out}
    before = drawing.draw(out, params=params)
    assert [n.label for n in before.nodes] == ["out", "d", "c", "b", "a"]
    assert before.node("n4").lines == ["a (25,)", "[0.0000, 0.2618, 0.5236, …]"]
    out.backward()
    after = drawing.draw(out, params=params)
    assert after.edge_names() == [("d", "out"), ("c", "d"), ("b", "c"), ("a", "b")]
    assert after.node("n0").lines == ["SumBackward0", "out ()", "25.0000"]
    assert after.node("n3").lines == ["SinBackward0", "b (25,)", "[0.0000, 0.2588, 0.5000, …]"]
    # d out / d a = 2 cos(a): 2, 2 cos(pi/12) = 1.9319, 2 cos(pi/6) = 1.7321
    assert after.node("n4").lines[-1] == "grad [2.0000, 1.9319, 1.7321, …]"
    hidden = drawing.draw(out, params=params, show_values=False, show_grads=False)
    assert hidden.node("n4").lines == ["a (25,)"]


def test_an_input_used_twice_is_one_node_with_two_edges():
    x = ad.tensor([1.0, 2.0], requires_grad=True)
    g = drawing.draw((x * x).sum(), params={"x": x})
    assert [n.name for n in g.nodes] == ["SumBackward0", "MulBackward0", "AccumulateGrad"]
    assert g.edges == [("n1", "n0"), ("n2", "n1"), ("n2", "n1")]


def test_shared_leaf_in_two_branches():
    w = ad.tensor(2.0, requires_grad=True)
    x = ad.tensor([1.0, 2.0], requires_grad=True)
    g = drawing.draw((w * x + ad.exp(w)).sum(), params={"w": w, "x": x})
    assert [(n.name, n.label) for n in g.nodes] == [
        ("SumBackward0", ""),
        ("AddBackward0", ""),
        ("MulBackward0", ""),
        ("ExpBackward0", ""),
        ("AccumulateGrad", "w"),
        ("AccumulateGrad", "x"),
    ]
    assert g.edges == [
        ("n1", "n0"),
        ("n2", "n1"),
        ("n3", "n1"),
        ("n4", "n2"),
        ("n5", "n2"),
        ("n4", "n3"),
    ]
    assert g.node("n4").lines == ["w ()", "2.0000"]


def test_a_leaf_itself_and_a_tensor_without_graph():
    x = ad.tensor([1.0, 2.0], requires_grad=True)
    g = drawing.draw(x, params={"x": x})
    assert [(n.kind, n.name, n.label) for n in g.nodes] == [("leaf", "AccumulateGrad", "x")]
    assert g.edges == []
    with pytest.raises(ValueError, match="does not require grad"):
        drawing.draw(ad.tensor([1.0]))


def test_tiny_negative_values_are_not_printed_as_minus_zero():
    x = ad.tensor([-1e-9, 0.5], requires_grad=True)
    g = drawing.draw(x * 1, params={"x": x})
    assert g.node("n1").lines[1] == "[0.0000, 0.5000]"


def test_svg_is_well_formed_and_arrows_point_downwards():
    a, b, c, d, out = sin_chain()
    out.backward()
    g = drawing.draw(out, params={"a": a, "out": out})
    svg = g._repr_svg_()
    root = ET.fromstring(svg)
    assert root.tag == SVG + "svg"
    groups = root.findall(SVG + "g")
    assert [grp.get("id") for grp in groups] == [n.id for n in g.nodes]
    lines = root.findall(SVG + "line")
    assert len(lines) == len(g.edges)
    for line in lines:
        assert float(line.get("y2")) > float(line.get("y1"))
    texts = [t.text for t in root.iter(SVG + "text")]
    assert "SinBackward0" in texts and "a (25,)" in texts
    assert g.svg() == drawing.draw(out, params={"a": a, "out": out}).svg()  # deterministic
    assert repr(g) == "Graph(nodes=5, edges=4)"


def test_make_dot_is_an_alias_and_save_writes_the_svg(tmp_path):
    *_, out = sin_chain()
    g = drawing.make_dot(out)
    path = tmp_path / "g.svg"
    g.save(path)
    assert path.read_text(encoding="utf-8") == g.svg()


def test_retained_gradients_of_computed_tensors_are_shown(recwarn):
    a = ad.tensor([0.0, 1.0], requires_grad=True)
    b = ad.sin(a)
    b.retain_grad()
    c = 3 * b
    out = c.sum()
    out.backward()
    g = drawing.draw(out, params={"a": a, "b": b, "c": c})
    assert g.node("n2").lines == [
        "SinBackward0",
        "b (2,)",
        "[0.0000, 0.8415]",
        "grad [3.0000, 3.0000]",
    ]
    assert g.node("n1").lines == ["MulBackward0", "c (2,)", "[0.0000, 2.5244]"]  # c: no retain_grad
    assert g.node("n3").lines[-1] == "grad [3.0000, 1.6209]"  # 3 cos(a)
    assert not [w for w in recwarn if "grad" in str(w.message)]


def test_the_png_draws_each_box_where_the_svg_does_in_its_colour():
    """An untrusted notebook refuses SVG; the PNG must show the same graph."""
    import io

    from PIL import Image

    a, b, c, d, out = sin_chain()
    out.backward()
    g = drawing.draw(out, params={"a": a, "out": out})
    root = ET.fromstring(g.svg())
    picture = Image.open(io.BytesIO(g.png())).convert("RGB")
    assert picture.size == (round(float(root.get("width"))), round(float(root.get("height"))))
    rects = root.findall(f"{SVG}g/{SVG}rect")
    assert len(rects) == len(g.nodes)
    for rect in rects:
        x, y = float(rect.get("x")), float(rect.get("y"))
        fill = rect.get("fill")
        expected = tuple(int(fill[i : i + 2], 16) for i in (1, 3, 5))
        # 4 px inside the top-left corner, below the rounding and left of any text
        assert picture.getpixel((round(x + 5), round(y + 5))) == pytest.approx(expected, abs=3)
    # dark pixels (text and outlines) exist inside the first box
    x, y, w, h = (float(rects[0].get(k)) for k in ("x", "y", "width", "height"))
    inside = picture.crop((round(x + 2), round(y + 2), round(x + w - 2), round(y + h - 2)))
    assert inside.convert("L").getextrema()[0] < 100


def test_the_output_carries_svg_and_a_png_for_untrusted_views():
    *_, out = sin_chain()
    g = drawing.draw(out)
    data, metadata = g._repr_mimebundle_()
    assert data["image/svg+xml"] == g.svg()
    assert base64.b64decode(data["image/png"]) == g.png()
    assert data["text/plain"] == "Graph(nodes=5, edges=4)"
    root = ET.fromstring(g.svg())
    assert metadata["image/png"] == {
        "width": int(root.get("width")),
        "height": int(root.get("height")),
    }
