"""Reading a config file as data, never as code: the one YAML reader of alereview's configs.

``yaml.safe_load`` already refuses Python objects, but a config is more than its values:

* **YAML tags** (``!!python/object``, ``!include``, any ``!tag``) are refused: a config holds
  plain strings, numbers, lists and mappings;
* **YTE** (a top-level ``__use_yte__`` key) is refused: Snakemake's YTE templating evaluates
  Python expressions written in the config;
* **a key given twice** in one mapping is an error naming both lines (YAML keeps the last one
  without a word);
* **aliases** (``&a`` / ``*a``) are limited (:data:`MAX_ALIASES`, :data:`MAX_NODES` once
  expanded), so that a "billion laughs" file of a few lines stops at once;
* **numbers** are plain decimals: YAML 1.1 reads ``4_2`` as 42, ``010`` as 8, ``1:30`` as 90
  and ``.nan`` as a number;
* a file that is **not UTF-8** is an error naming the line and the byte.

Every problem is one :class:`~alereview.errors.ConfigError` naming the file and its line.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, SequenceNode

from alereview.errors import ConfigError

#: Most aliases (``*name``) a config may hold.
MAX_ALIASES = 100
#: Most values a config may hold once its aliases are expanded.
MAX_NODES = 100_000
#: A number as a config writes it: no ``4_2`` (YAML 1.1 reads 42), ``010`` (8), ``1:30`` (90),
#: ``0x1f``, ``.inf`` or ``.nan``.
STRICT_NUMBER = re.compile(r"[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|[-+]?\.[0-9]+(?:[eE][-+]?[0-9]+)?")
#: The key by which a YAML file asks for YTE templating (Python expressions).
YTE_KEY = "__use_yte__"


class _ConfigLoader(yaml.SafeLoader):
    """A SafeLoader that refuses tags, counts aliases and sees duplicated keys."""

    def __init__(self, stream, path):
        super().__init__(stream)
        self.config_path = path
        self.aliases = 0

    def _fail(self, mark, message):
        line = f", line {mark.line + 1}" if mark is not None else ""
        raise ConfigError("(config file)", f"{self.config_path!r}{line}: {message}")

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                self._fail(self.peek_event().start_mark, f"more than {MAX_ALIASES} aliases (*name); write the values out")
        else:
            event = self.peek_event()
            tag = getattr(event, "tag", None)
            if tag is not None and tag != "!":
                self._fail(
                    event.start_mark,
                    f"the YAML tag {tag!r} is refused: a config holds plain values "
                    "(strings, numbers, lists, mappings), never tagged objects",
                )
        return super().compose_node(parent, index)

    def _number_text(self, node):
        text = self.construct_scalar(node)
        if not STRICT_NUMBER.fullmatch(text):
            self._fail(
                node.start_mark,
                f"{text!r} is not a plain number (YAML would read it as "
                f"{_yaml_value(text)!r}); write digits with an optional sign, "
                "decimal point and exponent, or quote it to keep it text",
            )
        return text

    def construct_yaml_int(self, node):
        return int(self._number_text(node))

    def construct_yaml_float(self, node):
        value = float(self._number_text(node))
        if not math.isfinite(value):
            self._fail(node.start_mark, f"{self.construct_scalar(node)!r} is out of range")
        return value

    def construct_mapping(self, node, deep=False):
        seen = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, (MappingNode, SequenceNode)):
                key = self.construct_object(key_node, deep=True)
                line = key_node.start_mark.line + 1
                if key in seen:
                    self._fail(key_node.start_mark, f"the key {key!r} is given twice, on line {seen[key]} and on line {line}; keep one")
                seen[key] = line
        return super().construct_mapping(node, deep=deep)


_ConfigLoader.add_constructor("tag:yaml.org,2002:int", _ConfigLoader.construct_yaml_int)
_ConfigLoader.add_constructor("tag:yaml.org,2002:float", _ConfigLoader.construct_yaml_float)


def _yaml_value(text: str):
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return text


def _expanded_size(node, memo: dict) -> int:
    """How many values ``node`` holds with every alias expanded (each shared node counted per use)."""
    if id(node) in memo:
        return memo[id(node)]
    memo[id(node)] = MAX_NODES + 1  # a node holding itself (a recursive alias) never ends
    size = 1
    if isinstance(node, SequenceNode):
        size += sum(_expanded_size(item, memo) for item in node.value)
    elif isinstance(node, MappingNode):
        size += sum(_expanded_size(k, memo) + _expanded_size(v, memo) for k, v in node.value)
    memo[id(node)] = min(size, MAX_NODES + 1)
    return memo[id(node)]


def _decode(data: bytes, path) -> str:
    """The file's text, UTF-8 (with or without a BOM), or a ConfigError naming the line and byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ConfigError(
            "(config file)",
            f"{str(path)!r}, line {line}: not UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}); save the config as UTF-8",
        ) from None


def _syntax_error(error: yaml.YAMLError, path) -> ConfigError:
    mark = getattr(error, "problem_mark", None)
    where = f", line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    return ConfigError("(config file)", f"{str(path)!r}{where}: not valid YAML: {problem}")


def parse_config_text(text: str, path="(config)"):
    """Parse a config's text with every rule of this module; the data, or None for an empty file.

    Examples
    --------
    >>> parse_config_text("a: 1\\nb: [x, y]\\n")
    {'a': 1, 'b': ['x', 'y']}
    >>> parse_config_text("a: 1\\na: 2\\n")
    Traceback (most recent call last):
    ...
    alereview.errors.ConfigError: config key '(config file)': '(config)', line 2: the key 'a' is given twice, on line 1 and on line 2; keep one
    """
    loader = _ConfigLoader(text, str(path))
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if loader.aliases and _expanded_size(node, {}) > MAX_NODES:
            loader._fail(node.start_mark, f"its aliases expand to more than {MAX_NODES} values (an alias bomb?); write the values out")
        data = loader.construct_document(node)
    except yaml.YAMLError as error:
        raise _syntax_error(error, path) from None
    finally:
        loader.dispose()
    if isinstance(data, dict) and YTE_KEY in data:
        raise ConfigError(
            YTE_KEY,
            f"{str(path)!r}: YTE templating is refused: it runs Python code written in the "
            "config. Write the values themselves and remove the key",
        )
    return data


def read_config_file(path):
    """Read a YAML config file (or the schema) as plain data: :func:`parse_config_text` on its bytes."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ConfigError("(config file)", f"{str(path)!r}: cannot be read ({error.strerror})") from None
    return parse_config_text(_decode(data, path), path)


def read_config_mapping(path, key="(config file)") -> dict:
    """:func:`read_config_file` for a config (or a base config of ``extends``): a mapping of keys."""
    data = read_config_file(path)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(
            key, f"{str(path)!r} does not hold a mapping of keys (it holds a {type(data).__name__}); a config is `key: value` lines"
        )
    return data
