"""The shape of the code (docs/architecture.md), read with ast: one facade per stage, every rule
script one call, the infrastructure apart from the stages, no import cycle, no hidden import."""

import ast
import re
from pathlib import Path

from import_graph import cycles, imports

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "alereview"
#: The only modules at the top of the package: infrastructure, used by every stage.
INFRASTRUCTURE = {
    "__init__",
    "cli",
    "config",
    "config_keys",
    "config_refs",
    "config_yaml",
    "errors",
    "identity",
    "layout",
    "logs",
    "numbers",
    "redaction",
    "runner",
    "tsv",
}
RULE = re.compile(r"^\s*(?:rule|checkpoint)\s+(\w+):", re.M)


def rules() -> dict:
    """Every rule of the workflow -> the script it runs."""
    found = {}
    for smk in sorted((REPO / "rules").glob("*.smk")):
        text = smk.read_text(encoding="utf-8")
        names = list(RULE.finditer(text))
        for match, following in zip(names, names[1:] + [None]):
            block = text[match.end() : following.start() if following else len(text)]
            script = re.search(r'"\.\./scripts/([\w]+)\.py"', block)
            found[match.group(1)] = script.group(1) if script else None
    return found


def test_no_import_cycle_and_no_function_local_import():
    found = imports(PACKAGE)
    local = [f"{i.importer} line {i.line}: {i.imported}" for i in found if i.local]
    assert not local, "function-local imports of alereview modules:\n" + "\n".join(local)
    assert cycles([(i.importer, i.imported) for i in found]) == []


def test_import_graph_finds_a_cycle(tmp_path):
    package = tmp_path / "alereview"
    (package / "a").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "a" / "__init__.py").write_text("")
    (package / "a" / "x.py").write_text("from alereview.a import y\n")
    (package / "a" / "y.py").write_text("def f():\n    from alereview.a.x import g\n")
    found = imports(package)
    assert [(i.importer, i.imported, i.local) for i in found] == [
        ("alereview.a.x", "alereview.a.y", False),
        ("alereview.a.y", "alereview.a.x", True),
    ]
    assert cycles([(i.importer, i.imported) for i in found]) == [["alereview.a.x", "alereview.a.y"]]


def test_no_stage_module_at_the_top_level():
    top = {path.stem for path in PACKAGE.glob("*.py")}
    assert top <= INFRASTRUCTURE, f"stage modules at the top of alereview/: {sorted(top - INFRASTRUCTURE)}"


def test_every_rule_runs_its_stage_facade_in_one_call():
    found = rules()
    assert len(found) > 25
    for rule, script in found.items():
        if rule == "all":
            continue
        stage, _, step = rule.partition("_")
        assert script == rule, f"rule {rule} runs scripts/{script}.py, not scripts/{rule}.py"
        tree = ast.parse((REPO / "scripts" / f"{rule}.py").read_text(encoding="utf-8"))
        body = [
            node
            for node in tree.body
            if not isinstance(node, (ast.Import, ast.ImportFrom))
            and not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))
        ]
        assert len(body) == 1, f"scripts/{rule}.py is not one call"
        assert ast.unparse(body[0]) == f"run_rule(steps.{step}, snakemake)", f"scripts/{rule}.py"
        assert f"from alereview.{stage} import steps" in ast.unparse(tree), f"scripts/{rule}.py"
        facade = ast.parse((PACKAGE / stage / "steps.py").read_text(encoding="utf-8"))
        functions = {node.name: node for node in facade.body if isinstance(node, ast.FunctionDef)}
        assert step in functions, f"alereview/{stage}/steps.py has no function {step}()"
        assert [a.arg for a in functions[step].args.args[:4]] == ["input", "output", "params", "log"]


def test_every_script_belongs_to_a_rule():
    assert {path.stem for path in (REPO / "scripts").glob("*.py")} == {s for s in rules().values() if s}


def test_command_line_handlers_live_in_cli_modules():
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
        if "register" in names:
            assert path.name == "cli.py", f"{path.relative_to(REPO)} registers a sub-command"
