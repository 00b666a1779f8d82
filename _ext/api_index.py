"""The ``api-index`` directive: every asyncio name the examples use, and which examples use it.

    .. api-index::

renders a table with one row per asyncio name found in the examples whose code
the guide's pages show (``example`` directive, not ``:no-code:``): the name, linked to the Python
documentation when the intersphinx inventories know it (plain text when they
do not, e.g. a name newer than them), the oldest supported Python that has it,
and a link to each example that uses it, at the example on its page. Under the
table: how many public names of the newest supported Python's asyncio the
examples show, and the ones they do not. ``make html`` prints the same figure
as one line. Each example's caption links to the rows of the names it uses.

The names are read from each example's source with ``ast``: ``asyncio.X``,
``asyncio.X.Y``, ``from asyncio import X``, and methods called on objects whose
asyncio type is certain from the code (see ``_Finder``). Which Python has which
name comes from ``api_versions.json``, written by ``make_api_versions.py``.

An example that does not parse, or that uses ``asyncio.X`` where no supported
Python has ``X``, is a build warning (an error under ``-W``) naming its file
and line and what to do.
"""

from __future__ import annotations

import ast
import functools
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import ConfigError
from sphinx.ext.intersphinx import InventoryAdapter
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

DATA = Path(__file__).with_name("api_versions.json")
REGENERATE = ".venv/bin/python _ext/make_api_versions.py"


# ---------------------------------------------------------------- finding names


@dataclass(frozen=True)
class Use:
    name: str  # e.g. "asyncio.Queue.join", "asyncio.loop.run_in_executor"
    line: int
    # A method found through an object's inferred type, or an attribute of an
    # asyncio name: it counts only if some supported Python has that name.
    inferred: bool = False


# What an expression is known to be.
@dataclass(frozen=True)
class Module:  # the asyncio module
    pass


@dataclass(frozen=True)
class Ref:  # an asyncio name itself, e.g. asyncio.Queue
    name: str


@dataclass(frozen=True)
class Instance:  # an object of an asyncio class; "loop" for event loops
    cls: str


@dataclass(frozen=True)
class Many:  # a collection whose items are all `item`
    item: Any


@dataclass(frozen=True)
class Pair:  # what `await asyncio.open_connection()` returns
    items: tuple


@dataclass(frozen=True)
class Awaitable:  # a call whose awaited result is known
    result: Any


# asyncio functions whose call returns an object of a known type.
RETURNS = {
    "asyncio.create_task": Instance("Task"),
    "asyncio.current_task": Instance("Task"),
    "asyncio.gather": Instance("Future"),
    "asyncio.shield": Instance("Future"),
    "asyncio.wrap_future": Instance("Future"),
    "asyncio.get_running_loop": Instance("loop"),
    "asyncio.get_event_loop": Instance("loop"),
    "asyncio.new_event_loop": Instance("loop"),
    "asyncio.timeout": Instance("Timeout"),
    "asyncio.timeout_at": Instance("Timeout"),
    "asyncio.all_tasks": Many(Instance("Task")),
}
# ... and those whose awaited call does.
AWAITED = {
    "asyncio.open_connection": Pair((Instance("StreamReader"), Instance("StreamWriter"))),
    "asyncio.open_unix_connection": Pair((Instance("StreamReader"), Instance("StreamWriter"))),
    "asyncio.start_server": Instance("Server"),
    "asyncio.start_unix_server": Instance("Server"),
    "asyncio.create_subprocess_exec": Instance("subprocess.Process"),
    "asyncio.create_subprocess_shell": Instance("subprocess.Process"),
}
METHOD_RETURNS = {
    ("loop", "create_task"): Instance("Task"),
    ("loop", "create_future"): Instance("Future"),
    ("loop", "run_in_executor"): Instance("Future"),
    ("TaskGroup", "create_task"): Instance("Task"),
    ("Runner", "get_loop"): Instance("loop"),
}
# `async with X as name` binds X itself for these (their __aenter__ returns self).
ENTERED_AS_ITSELF = {"TaskGroup", "Timeout", "Runner", "Server"}


def _instance_of(class_name: str) -> Instance | None:
    short = class_name.removeprefix("asyncio.")
    if "." in short or not short[:1].isupper() or short.endswith(("Error", "Exception")):
        return None
    return Instance("loop" if short.endswith("EventLoop") else short)


def member_name(instance: Instance, attribute: str) -> str:
    return f"asyncio.{instance.cls}.{attribute}"


class _Scope:
    def __init__(self, node: ast.AST, parent: _Scope | None):
        self.node = node
        self.parent = parent
        self.bindings: dict[str, list[tuple]] = {}
        self.global_names: set[str] = set()
        self.nonlocal_names: set[str] = set()
        self.children: list[_Scope] = []
        if parent is not None:
            parent.children.append(self)

    @property
    def is_class(self) -> bool:
        return isinstance(self.node, ast.ClassDef)

    def bind(self, name: str, binding: tuple) -> None:
        self.bindings.setdefault(name, []).append(binding)


class _Finder:
    """Every asyncio name a module uses, found from its syntax tree.

    A variable's type is trusted only when every binding of it in its scope
    gives the same asyncio type (an assignment from a known call, ``async with
    ... as``, a ``for`` over such objects, a parameter annotated with the
    class); any other binding (a plain parameter, ``except ... as``, ``global``
    and so on) makes it unknown. Comments and strings are not code, so names in
    them are not uses.
    """

    def __init__(self, tree: ast.Module):
        self.scope_of: dict[int, _Scope] = {}
        self.module_scope = _Scope(tree, None)
        self._resolving: set[tuple[int, str]] = set()
        self._collect(tree, self.module_scope)
        self._move_declared_bindings(self.module_scope)
        self.uses: dict[str, Use] = {}
        for node in ast.walk(tree):
            self._record(node)

    # -- scopes and bindings

    def _collect(self, node: ast.AST, scope: _Scope) -> None:
        self.scope_of[id(node)] = scope
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            inner = _Scope(node, scope)
            if not isinstance(node, ast.Lambda):
                scope.bind(node.name, ("other",))
                for decorator in node.decorator_list:
                    self._collect(decorator, scope)
                if node.returns:
                    self._collect(node.returns, scope)
            arguments = node.args
            for default in [*arguments.defaults, *arguments.kw_defaults]:
                if default is not None:
                    self._collect(default, scope)
            for argument in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs,
                             arguments.vararg, arguments.kwarg]:
                if argument is None:
                    continue
                self.scope_of[id(argument)] = inner
                if argument.annotation is not None:
                    self._collect(argument.annotation, scope)
                plain = argument not in (arguments.vararg, arguments.kwarg)
                inner.bind(argument.arg, ("param", argument.annotation, scope) if plain else ("other",))
            for child in node.body if isinstance(node.body, list) else [node.body]:
                self._collect(child, inner)
            return
        if isinstance(node, ast.ClassDef):
            scope.bind(node.name, ("other",))
            for child in [*node.decorator_list, *node.bases, *node.keywords]:
                self._collect(child, scope)
            inner = _Scope(node, scope)
            for child in node.body:
                self._collect(child, inner)
            return
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            inner = _Scope(node, scope)
            for index, generator in enumerate(node.generators):
                self._collect(generator.iter, scope if index == 0 else inner)
                self._bind_target(generator.target, ("iter", generator.iter, scope if index == 0 else inner), inner)
                self._collect(generator.target, inner)
                for condition in generator.ifs:
                    self._collect(condition, inner)
            for part in ([node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]):
                self._collect(part, inner)
            return
        self._note_bindings(node, scope)
        for child in ast.iter_child_nodes(node):
            self._collect(child, scope)

    def _note_bindings(self, node: ast.AST, scope: _Scope) -> None:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                self._bind_target(target, ("value", node.value, scope), scope)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            scope.bind(node.target.id, ("value", node.value, scope) if node.value else ("other",))
        elif isinstance(node, ast.NamedExpr):
            owner = scope
            while isinstance(owner.node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
                owner = owner.parent
            owner.bind(node.target.id, ("value", node.value, scope))
        elif isinstance(node, (ast.For, ast.AsyncFor)):
            self._bind_target(node.target, ("iter", node.iter, scope), scope)
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                if item.optional_vars is not None:
                    self._bind_target(item.optional_vars, ("enter", item.context_expr, scope), scope)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                bound = alias.asname or alias.name.split(".")[0]
                is_asyncio = alias.name == "asyncio" or (alias.asname is None and alias.name.startswith("asyncio."))
                scope.bind(bound, ("module",) if is_asyncio else ("other",))
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if alias.name == "*":
                    continue
                from_asyncio = node.module == "asyncio" and node.level == 0
                scope.bind(alias.asname or alias.name, ("from", f"asyncio.{alias.name}") if from_asyncio else ("other",))
        elif isinstance(node, ast.Global):
            scope.global_names.update(node.names)
        elif isinstance(node, ast.Nonlocal):
            scope.nonlocal_names.update(node.names)
        elif isinstance(node, (ast.AugAssign, ast.Delete, ast.ExceptHandler)) or _is_match_capture(node):
            for name in _bound_names(node):
                scope.bind(name, ("other",))

    def _bind_target(self, target: ast.AST, binding: tuple, scope: _Scope) -> None:
        if isinstance(target, ast.Name):
            scope.bind(target.id, binding)
        elif isinstance(target, (ast.Tuple, ast.List)):
            starred = any(isinstance(e, ast.Starred) for e in target.elts)
            for index, element in enumerate(target.elts):
                if starred or binding[0] != "value":
                    for name in _target_names(element):
                        scope.bind(name, ("other",))
                else:
                    self._bind_target(element, ("item", binding[1], binding[2], index, len(target.elts)), scope)
        # attributes and subscripts bind no name

    def _move_declared_bindings(self, scope: _Scope) -> None:
        """Bindings in a scope that declares the name global or nonlocal belong to the scope named."""
        for child in scope.children:
            self._move_declared_bindings(child)
        for name in scope.global_names | scope.nonlocal_names:
            moved = scope.bindings.pop(name, [])
            owner = self.module_scope if name in scope.global_names else self._binding_scope(name, scope.parent)
            for _ in moved:
                (owner or self.module_scope).bind(name, ("other",))

    def _binding_scope(self, name: str, scope: _Scope | None) -> _Scope | None:
        start = scope
        while scope is not None:
            if name in scope.global_names:
                return self.module_scope
            if name in scope.bindings and (scope is start or not scope.is_class):
                return scope
            scope = scope.parent
        return None

    # -- what an expression is

    def resolve(self, name: str, scope: _Scope) -> Any:
        owner = self._binding_scope(name, scope)
        if owner is None or (id(owner), name) in self._resolving:
            return None
        self._resolving.add((id(owner), name))
        try:
            kinds = {self._binding_value(b) for b in owner.bindings[name]}
        finally:
            self._resolving.discard((id(owner), name))
        return kinds.pop() if len(kinds) == 1 else None

    def _binding_value(self, binding: tuple) -> Any:
        kind = binding[0]
        if kind == "module":
            return Module()
        if kind == "from":
            return Ref(binding[1])
        if kind == "value":
            return self.kind_of(binding[1], binding[2])
        if kind == "item":
            _, value, scope, index, size = binding
            known = self.kind_of(value, scope)
            return known.items[index] if isinstance(known, Pair) and len(known.items) == size else None
        if kind == "iter":
            known = self.kind_of(binding[1], binding[2])
            return known.item if isinstance(known, Many) else None
        if kind == "enter":
            known = self.kind_of(binding[1], binding[2])
            return known if isinstance(known, Instance) and known.cls in ENTERED_AS_ITSELF else None
        if kind == "param" and binding[1] is not None:
            annotation = binding[1]
            if isinstance(annotation, ast.Subscript):  # asyncio.Queue[int]
                annotation = annotation.value
            known = self.kind_of(annotation, binding[2])
            return _instance_of(known.name) if isinstance(known, Ref) else None
        return None

    def kind_of(self, node: ast.AST, scope: _Scope) -> Any:
        if isinstance(node, ast.Name):
            return self.resolve(node.id, scope)
        if isinstance(node, ast.Attribute):
            owner = self.kind_of(node.value, scope)
            if isinstance(owner, Module):
                return Ref(f"asyncio.{node.attr}")
            return None
        if isinstance(node, ast.Call):
            function = self.kind_of(node.func, scope)
            if isinstance(function, Ref):
                if function.name == "asyncio.wait" and node.args:  # done, pending = await asyncio.wait(tasks)
                    waited = self.kind_of(node.args[0], scope)
                    return Awaitable(Pair((waited, waited))) if isinstance(waited, Many) else None
                if function.name in AWAITED:
                    return Awaitable(AWAITED[function.name])
                return RETURNS.get(function.name) or _instance_of(function.name)
            if isinstance(node.func, ast.Attribute):
                owner = self.kind_of(node.func.value, scope)
                if isinstance(owner, Instance):
                    return METHOD_RETURNS.get((owner.cls, node.func.attr))
            return None
        if isinstance(node, ast.Await):
            awaited = self.kind_of(node.value, scope)
            return awaited.result if isinstance(awaited, Awaitable) else None
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)) and node.elts:
            items = {None if isinstance(e, ast.Starred) else self.kind_of(e, scope) for e in node.elts}
            item = items.pop() if len(items) == 1 else None
            return Many(item) if isinstance(item, Instance) else None
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp)):
            item = self.kind_of(node.elt, self.scope_of[id(node.elt)])
            return Many(item) if isinstance(item, Instance) else None
        return None

    # -- uses

    def _record(self, node: ast.AST) -> None:
        if isinstance(node, ast.ImportFrom) and node.module == "asyncio" and node.level == 0:
            for alias in node.names:
                if alias.name != "*":
                    self._use(f"asyncio.{alias.name}", node.lineno)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and id(node) in self.scope_of:
            known = self.resolve(node.id, self.scope_of[id(node)])
            if isinstance(known, Ref):
                self._use(known.name, node.lineno)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load) and id(node) in self.scope_of:
            owner = self.kind_of(node.value, self.scope_of[id(node)])
            if isinstance(owner, Module):
                self._use(f"asyncio.{node.attr}", node.lineno)
            elif isinstance(owner, Ref):
                self._use(f"{owner.name}.{node.attr}", node.lineno, inferred=True)
            elif isinstance(owner, Instance):
                self._use(member_name(owner, node.attr), node.lineno, inferred=True)

    def _use(self, name: str, line: int, inferred: bool = False) -> None:
        if name not in self.uses:
            self.uses[name] = Use(name, line, inferred)


def _bound_names(node: ast.AST) -> list[str]:
    """The names a statement or pattern binds, other than through _bind_target."""
    if isinstance(node, ast.ExceptHandler):
        return [node.name] if node.name else []
    if isinstance(node, (ast.MatchAs, ast.MatchStar)):
        return [node.name] if node.name else []
    if isinstance(node, ast.MatchMapping):
        return [node.rest] if node.rest else []
    targets = node.targets if isinstance(node, ast.Delete) else [getattr(node, "target", node)]
    return [name for target in targets for name in _target_names(target)]


def _target_names(target: ast.AST) -> list[str]:
    """x -> [x]; (x, *y) -> [x, y]; x.attribute and x[index] bind no name."""
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, ast.Starred):
        return _target_names(target.value)
    if isinstance(target, (ast.Tuple, ast.List)):
        return [name for element in target.elts for name in _target_names(element)]
    return []


def _is_match_capture(node: ast.AST) -> bool:
    return isinstance(node, (ast.MatchAs, ast.MatchStar, ast.MatchMapping))


def asyncio_names(source: str, filename: str = "<example>") -> list[Use]:
    """The asyncio names `source` uses, each with the first line using it. Raises SyntaxError."""
    tree = ast.parse(source, filename)
    return sorted(_Finder(tree).uses.values(), key=lambda use: use.name.casefold())


# ---------------------------------------------------------------- the data file


@dataclass(frozen=True)
class Versions:
    names: dict[str, list[str]]  # name: [first, last] supported version that has it
    found: list[str]  # the versions whose interpreters were asked
    newest: str
    public: list[str]  # asyncio.__all__ of the newest version, less its deprecated names
    deprecated: list[str]


@functools.cache
def _load_versions(path: Path, mtime: float) -> Versions:
    data = json.loads(path.read_text(encoding="utf-8"))
    return Versions(data["names"], list(data["interpreters"]), data["newest"], data["public"], data["deprecated"])


def load_versions(path: Path = DATA) -> Versions:
    if not path.is_file():
        raise ConfigError(f"{path} is missing: write it with '{REGENERATE}'")
    return _load_versions(path, path.stat().st_mtime)


def _check_versions_file(app: Sphinx) -> None:
    load_versions()


def since(span: list[str], versions: Versions) -> str:
    """'3.11', or '3.9 (removed in 3.12)'."""
    first, last = span
    if last == versions.newest:
        return first
    return f"{first} (removed in {versions.found[versions.found.index(last) + 1]})"


# ---------------------------------------------------------------- reading pages


@dataclass(frozen=True)
class Shown:
    """An example shown on a page, and the asyncio names it uses."""

    docname: str
    anchor: str
    path: str  # the example file, as the example directive gave it to the code block
    uses: tuple[Use, ...]

    @property
    def filename(self) -> str:
        return Path(self.path).name


class api_names(nodes.Inline, nodes.Element):
    """In an example's caption: links to the index rows of its names, made when the page is written."""


class api_index_table(nodes.General, nodes.Element):
    """Where the index goes, made when the page is written (all pages have been read by then)."""


class ApiIndexDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        self.env.api_index_pages = getattr(self.env, "api_index_pages", set()) | {self.env.docname}
        node = api_index_table()
        self.set_source_info(node)
        return [node]


def _examples_on_page(app: Sphinx, doctree: nodes.document) -> None:
    """Give each example an anchor, read its names, and make room in its caption for links to them."""
    env = app.env
    shown = []
    for container in doctree.findall(nodes.container):
        if "example" not in container["classes"]:
            continue
        code = next((b for b in container.findall(nodes.literal_block) if "example-code" in b["classes"]), None)
        if code is None or not code.get("source"):
            continue
        path = Path(code["source"])
        anchor = _anchor(doctree, container, path)
        try:
            uses = asyncio_names(path.read_text(encoding="utf-8"), str(path))
        except SyntaxError as error:
            logger.warning(
                f"cannot list the asyncio names {path.name} uses, because it does not parse: {error.msg}; "
                f"fix the example so that Python {_build_python()} can parse it",
                location=f"{path}:{error.lineno or 0}", type="api_index", subtype="parse",
            )
            continue
        shown.append(Shown(env.docname, anchor, str(path), tuple(uses)))
        caption = next(container.findall(nodes.caption), None)
        if caption is not None and uses:
            caption += api_names(names=[u.name for u in uses])
    _uses(env)[env.docname] = shown
    if shown:
        env.note_dependency(str(DATA))  # the captions list only names the data file knows


def _anchor(doctree: nodes.document, container: nodes.container, path: Path) -> str:
    if container["ids"]:
        return container["ids"][0]
    base = nodes.make_id(f"example-{path.stem}")
    anchor, count = base, 1
    while anchor in doctree.ids:
        count += 1
        anchor = f"{base}-{count}"
    container["ids"].append(anchor)
    doctree.ids[anchor] = container
    return anchor


def _build_python() -> str:
    return "%d.%d" % sys.version_info[:2]


def _uses(env: BuildEnvironment) -> dict[str, list[Shown]]:
    if not hasattr(env, "api_index_uses"):
        env.api_index_uses = {}
    return env.api_index_uses


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _uses(env).pop(docname, None)
    env.api_index_pages = getattr(env, "api_index_pages", set()) - {docname}


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    for docname in docnames:
        if docname in _uses(other):
            _uses(env)[docname] = _uses(other)[docname]
    env.api_index_pages = getattr(env, "api_index_pages", set()) | (getattr(other, "api_index_pages", set()) & docnames)


def _index_pages_are_always_written(app: Sphinx, env: BuildEnvironment) -> list[str]:
    return sorted(getattr(env, "api_index_pages", set()))


# ---------------------------------------------------------------- the index


@dataclass(frozen=True)
class Row:
    name: str
    span: list[str] | None  # None: no supported Python has it (a warning says so)
    shown: list[Shown]


def index_rows(env: BuildEnvironment, versions: Versions, warn: bool = False) -> list[Row]:
    """One row per name that some example uses, by name; examples in page order."""
    by_name: dict[str, list[Shown]] = {}
    order = _reading_order(env)
    for docname in sorted(_uses(env), key=lambda d: (order.get(d, len(order)), d)):
        for shown in _uses(env)[docname]:
            for use in shown.uses:
                if use.name not in versions.names:
                    if use.inferred:
                        continue  # e.g. an attribute the program set on an object: not asyncio's
                    if warn:
                        logger.warning(
                            f"{shown.filename} uses {use.name}, which no supported Python has according to "
                            f"_ext/api_versions.json: if a newer Python added it, run '{REGENERATE}' with that "
                            "Python installed; otherwise fix the name",
                            location=f"{shown.path}:{use.line}", type="api_index", subtype="unknown",
                        )
                by_name.setdefault(use.name, []).append(shown)
    return [Row(name, versions.names.get(name), by_name[name]) for name in sorted(by_name, key=str.casefold)]


def _reading_order(env: BuildEnvironment) -> dict[str, int]:
    """Each page's place in the guide, following the toctrees from the root page."""
    order: dict[str, int] = {}

    def visit(docname: str) -> None:
        if docname not in order:
            order[docname] = len(order)
            for child in env.toctree_includes.get(docname, []):
                visit(child)

    visit(env.config.root_doc)
    return order


def row_id(name: str) -> str:
    return f"api-{name}"


_ROLES = {
    "function": "func", "class": "class", "exception": "exc", "method": "meth",
    "attribute": "attr", "data": "data", "module": "mod",
}


def python_docs_link(env: BuildEnvironment, name: str) -> nodes.Node:
    """A reference resolved by intersphinx, or the name as text if no inventory knows it."""
    literal = nodes.literal(name, name)
    inventory = InventoryAdapter(env).main_inventory
    for objtype, role in _ROLES.items():
        if name in inventory.get(f"py:{objtype}", {}):
            xref = addnodes.pending_xref(
                "", refdomain="py", reftype=role, reftarget=name, refexplicit=True, refwarn=True
            )
            literal["classes"] += ["xref", "py", f"py-{role}"]
            xref += literal
            return xref
    return literal


class RenderApiIndex(SphinxPostTransform):
    """Fill the index and the captions' links; before references are resolved (priority 10)."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        pages = sorted(getattr(self.env, "api_index_pages", set()))
        for caption_links in list(self.document.findall(api_names)):
            caption_links.replace_self(self._caption_links(caption_links["names"], pages))
        for table in list(self.document.findall(api_index_table)):
            table.replace_self(self._index(table))

    def _caption_links(self, names: list[str], pages: list[str]) -> list[nodes.Node]:
        if not pages:
            return []
        versions = load_versions()
        names = [n for n in names if n in versions.names]
        uri = self.app.builder.get_relative_uri(self.env.docname, pages[0])
        result: list[nodes.Node] = [nodes.Text(" \N{MIDDLE DOT} uses ")]
        for index, name in enumerate(names):
            if index:
                result.append(nodes.Text(", "))
            short = name.removeprefix("asyncio.")
            link = nodes.reference(
                "", short, internal=True, refuri=f"{uri}#{row_id(name)}",
                reftitle=f"Every example that uses {name}",
            )
            result.append(link)
        return [nodes.inline("", "", *result, classes=["example-api-names"])] if names else []

    def _index(self, placeholder: nodes.Element) -> list[nodes.Node]:
        versions = load_versions()
        rows = index_rows(self.env, versions, warn=True)
        table = nodes.table(classes=["api-index"])
        group = nodes.tgroup(cols=3)
        table += group
        for width in (3, 1, 4):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        head += self._row(
            [nodes.Text("asyncio name"), nodes.Text("Oldest Python"), nodes.Text("Examples that use it")]
        )
        group += head
        body = nodes.tbody()
        for row in rows:
            found = since(row.span, versions) if row.span else "none supported"
            links: list[nodes.Node] = []
            for shown in dict.fromkeys(row.shown):
                if links:
                    links.append(nodes.Text(", "))
                uri = self.app.builder.get_relative_uri(self.env.docname, shown.docname)
                title = self.env.titles[shown.docname].astext() if shown.docname in self.env.titles else ""
                links.append(nodes.reference(
                    "", shown.filename, internal=True, refuri=f"{uri}#{shown.anchor}",
                    reftitle=f"{shown.filename} in \N{LEFT DOUBLE QUOTATION MARK}{title}\N{RIGHT DOUBLE QUOTATION MARK}",
                ))
            body += self._row([python_docs_link(self.env, row.name), nodes.Text(found)], links, row_id(row.name))
        group += body
        covered, missing = coverage(rows, versions)
        summary = nodes.paragraph()
        deprecated = ", ".join(versions.deprecated) or "none"
        summary += nodes.Text(
            f"Coverage: {len(covered)} of the {len(versions.public)} public names of asyncio in Python "
            f"{versions.newest} ({_percent(covered, versions)}) appear in at least one example. Public means "
            f"listed in asyncio.__all__, not private (no leading underscore) and not deprecated; Python "
            f"{versions.newest} itself reports these as deprecated: {deprecated}. "
        )
        summary += nodes.Text("Not shown yet:" if missing else "Every one is shown.")
        result: list[nodes.Node] = [table, summary]
        if missing:
            listed = nodes.paragraph(classes=["api-index-missing"])
            for index, name in enumerate(missing):
                if index:
                    listed += nodes.Text(", ")
                listed += python_docs_link(self.env, name)
            result.append(listed)
        for node in result:
            node.source, node.line = placeholder.source, placeholder.line
        return result

    @staticmethod
    def _row(cells: list[nodes.Node], links: list[nodes.Node] | None = None, ident: str = "") -> nodes.row:
        row = nodes.row(ids=[ident] if ident else [])
        for cell in cells:
            entry = nodes.entry()
            entry += nodes.paragraph("", "", cell)
            row += entry
        if links is not None:
            entry = nodes.entry()
            entry += nodes.paragraph("", "", *links)
            row += entry
        return row


def coverage(rows: list[Row], versions: Versions) -> tuple[list[str], list[str]]:
    """(covered, missing): the public names of the newest Python that the examples use, and the others."""
    used = {row.name for row in rows}
    public = [f"asyncio.{name}" for name in versions.public]
    return [n for n in public if n in used], [n for n in public if n not in used]


def _percent(covered: list[str], versions: Versions) -> str:
    return f"{100 * len(covered) / len(versions.public):.0f}%" if versions.public else "n/a"


def _print_coverage(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not hasattr(app.env, "api_index_uses"):
        return
    versions = load_versions()
    covered, missing = coverage(index_rows(app.env, versions), versions)
    names = ", ".join(n.removeprefix("asyncio.") for n in missing) or "none"
    logger.info(
        f"asyncio API coverage: {len(covered)} of {len(versions.public)} public names of Python "
        f"{versions.newest} ({_percent(covered, versions)}) appear in an example; not shown yet: {names}"
    )


def setup(app: Sphinx) -> dict:
    app.add_css_file("api-index.css")  # from _static/
    app.add_node(api_names)
    app.add_node(api_index_table)
    app.add_directive("api-index", ApiIndexDirective)
    app.add_post_transform(RenderApiIndex)
    app.connect("builder-inited", _check_versions_file)
    app.connect("doctree-read", _examples_on_page)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-get-updated", _index_pages_are_always_written)
    app.connect("build-finished", _print_coverage)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
