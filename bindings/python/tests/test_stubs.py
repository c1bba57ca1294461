"""The type stubs and py.typed ship with the package and describe exactly what the module has."""

import ast
import inspect
from pathlib import Path

import horarium

PACKAGE = Path(horarium.__file__).parent
CLASSES = ["Problem", "Score", "Progress", "Solution", "Resolution", "HorariumError", "ParseError", "InfeasibleError"]
FUNCTIONS = ["solve", "score", "resolve", "render_html", "render_csv", "render_ics"]


def stub_tree() -> ast.Module:
    return ast.parse((PACKAGE / "__init__.pyi").read_text())


def stub_members(tree: ast.Module, name: str) -> set:
    (cls,) = [node for node in tree.body if isinstance(node, ast.ClassDef) and node.name == name]
    members = set()
    for node in cls.body:
        if isinstance(node, ast.FunctionDef):
            members.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            members.add(node.target.id)
    return members


def test_the_package_is_typed():
    assert (PACKAGE / "py.typed").is_file()
    assert (PACKAGE / "__init__.pyi").is_file()


def test_the_stub_exports_what_the_package_exports():
    (node,) = [n for n in stub_tree().body if isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in n.targets)]
    assert ast.literal_eval(node.value) == horarium.__all__


def test_every_public_name_has_a_stub():
    tree = stub_tree()
    stubbed = {node.name for node in tree.body if isinstance(node, (ast.ClassDef, ast.FunctionDef))}
    stubbed |= {t.id for node in tree.body if isinstance(node, ast.AnnAssign) for t in [node.target] if isinstance(t, ast.Name)}
    stubbed |= {alias.asname or alias.name for node in tree.body if isinstance(node, ast.ImportFrom) for alias in node.names}
    assert set(horarium.__all__) <= stubbed


def test_class_stubs_match_the_classes():
    tree = stub_tree()
    for name in ["Problem", "Score", "Progress", "Solution"]:
        runtime = {m for m in dir(getattr(horarium, name)) if not m.startswith("_")}
        assert stub_members(tree, name) == runtime, name
    # A Resolution is a Solution with more.
    assert issubclass(horarium.Resolution, horarium.Solution)
    runtime = {m for m in dir(horarium.Resolution) if not m.startswith("_")}
    assert stub_members(tree, "Resolution") | stub_members(tree, "Solution") == runtime


def test_everything_has_a_docstring():
    for name in CLASSES + FUNCTIONS:
        obj = getattr(horarium, name)
        assert inspect.getdoc(obj), name
    for name in ["Problem", "Score", "Progress", "Solution", "Resolution"]:
        cls = getattr(horarium, name)
        for member in dir(cls):
            if not member.startswith("_"):
                assert inspect.getdoc(getattr(cls, member)), f"{name}.{member}"


def test_solve_shows_its_signature():
    assert str(inspect.signature(horarium.solve)) == "(problem, time_limit=10.0, seed=1, threads=1, iterations=None, progress=None, initial=None)"
    assert str(inspect.signature(horarium.score)) == "(problem, timetable)"
    assert str(inspect.signature(horarium.resolve)) == "(problem, old, move_cost=10, time_limit=10.0, seed=1, threads=1, iterations=None, progress=None)"
    assert str(inspect.signature(horarium.render_html)) == "(problem, timetable)"
    assert str(inspect.signature(horarium.render_csv)) == "(problem, timetable)"
    assert str(inspect.signature(horarium.render_ics)) == "(problem, timetable, owner=None, dtstamp=None)"


def test_the_stub_signatures_are_the_runtime_ones():
    """Each function's parameters in the stub, with their defaults, are those of the module."""
    tree = stub_tree()
    for name in FUNCTIONS:
        (node,) = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name]
        args = node.args
        none = object()
        defaults = [none] * (len(args.args) - len(args.defaults)) + [ast.literal_eval(d) for d in args.defaults]
        stubbed = [a.arg if d is none else f"{a.arg}={d!r}" for a, d in zip(args.args, defaults)]
        runtime = str(inspect.signature(getattr(horarium, name)))
        assert "(" + ", ".join(stubbed) + ")" == runtime, name
