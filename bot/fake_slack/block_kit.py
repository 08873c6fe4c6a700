"""Block Kit limits as Slack enforces them, for the fake Slack to reject what real Slack would.

The numbers come from `handlers.blocks.limits`, the same module the builders
trim to, so a builder and the fake can never disagree about a limit.

Each check returns human-readable violations such as
`blocks[3].text.text: 3012 chars > 3000`; an empty list means Slack would
accept the payload. The walk is deliberately shallow in semantics (it does not
know every element's every field) but deep in structure: it follows
accessories, `elements` and the `element` of input blocks recursively, so a
long option label three levels down is still found.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from handlers.blocks import limits

BLOCK_TYPES = frozenset(
    {"section", "header", "divider", "context", "actions", "input", "image", "rich_text", "file"}
)
VIEW_TYPES = frozenset({"modal", "home"})
TEXT_TYPES = frozenset({"plain_text", "mrkdwn"})
# Elements whose choices are `options` / `option_groups` and fall under the 100-option limit.
OPTION_ELEMENTS = frozenset({"static_select", "multi_static_select", "radio_buttons", "checkboxes"})


class _Walker:
    """Collects violations while walking one payload; paths are JSON-ish (`blocks[2].text`)."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self._block_ids: set[str] = set()
        self.in_input = False  # walking an input block's element

    def add(self, path: str, problem: str) -> None:
        self.errors.append(f"{path}: {problem}")

    def length(self, path: str, value: Any, limit: int) -> None:
        if isinstance(value, str) and len(value) > limit:
            self.add(path, f"{len(value)} chars > {limit}")

    def count(self, path: str, items: list[Any], limit: int, noun: str) -> None:
        if len(items) > limit:
            self.add(path, f"{len(items)} {noun} > {limit}")

    def text(self, path: str, obj: Any, limit: int | None, *, plain_only: bool = False) -> None:
        """A composition text object: `{"type": "plain_text"|"mrkdwn", "text": ...}`."""
        if not isinstance(obj, dict):
            self.add(path, "must be a text object")
            return
        kind = obj.get("type")
        allowed = {"plain_text"} if plain_only else TEXT_TYPES
        if kind not in allowed:
            self.add(f"{path}.type", f"must be {' or '.join(sorted(allowed))}, not {kind!r}")
        value = obj.get("text")
        if not isinstance(value, str):
            self.add(f"{path}.text", "must be a string")
            return
        if not value:
            # Slack refuses empty texts ("must be more than 0 characters").
            self.add(f"{path}.text", "must not be empty")
        if limit is not None:
            self.length(f"{path}.text", value, limit)

    def blocks(self, path: str, blocks: Any, limit: int) -> None:
        if not isinstance(blocks, list):
            self.add(path, "must be a list of blocks")
            return
        self.count(path, blocks, limit, "blocks")
        for i, block in enumerate(blocks):
            self.block(f"{path}[{i}]", block)

    def block(self, path: str, block: Any) -> None:
        if not isinstance(block, dict):
            self.add(path, "must be an object")
            return
        kind = block.get("type")
        if not isinstance(kind, str) or kind not in BLOCK_TYPES:
            self.add(f"{path}.type", f"unknown block type {kind!r}")
            return
        block_id = block.get("block_id")
        if block_id is not None and not isinstance(block_id, str):
            self.add(f"{path}.block_id", "must be a string")
        elif block_id is not None:
            self.length(f"{path}.block_id", block_id, limits.BLOCK_ID)
            # Slack rejects a payload that repeats a block_id: state.values is keyed by it.
            if block_id in self._block_ids:
                self.add(f"{path}.block_id", f"duplicate block_id {block_id!r}")
            self._block_ids.add(block_id)
        check = _BLOCK_CHECKS.get(kind)
        if check is not None:
            check(self, path, block)

    def element(self, path: str, element: Any) -> None:
        """Any interactive or context element; recurses into nested `elements`."""
        if not isinstance(element, dict):
            self.add(path, "must be an object")
            return
        kind = element.get("type")
        if not isinstance(kind, str):
            self.add(f"{path}.type", "required")
            return
        if kind in TEXT_TYPES:
            self.text(path, element, limits.SECTION_TEXT)
            return
        self.length(f"{path}.action_id", element.get("action_id"), limits.ACTION_ID)
        if kind == "button":
            self.text(f"{path}.text", element.get("text"), limits.BUTTON_TEXT, plain_only=True)
            self.length(f"{path}.value", element.get("value"), limits.BUTTON_VALUE)
        elif kind == "file_input":
            self.file_input(path, element)
        elif kind == "plain_text_input":
            for key in ("max_length", "min_length"):
                value = element.get(key)
                if isinstance(value, int) and value > limits.INPUT_MAX_LENGTH:
                    self.add(f"{path}.{key}", f"{value} > {limits.INPUT_MAX_LENGTH}")
        if kind in OPTION_ELEMENTS or "options" in element or "option_groups" in element:
            self.choices(path, element)
        nested = element.get("elements")
        if isinstance(nested, list):
            for i, child in enumerate(nested):
                self.element(f"{path}.elements[{i}]", child)

    def file_input(self, path: str, element: dict[str, Any]) -> None:
        """Slack's file input: 1 to 10 files (`max_files`), `filetypes` a list of extensions."""
        most = element.get("max_files")
        if most is not None and (not isinstance(most, int) or isinstance(most, bool)
                                 or not limits.FILE_INPUT_MIN_FILES <= most <= limits.FILE_INPUT_MAX_FILES):
            self.add(f"{path}.max_files",
                     f"must be {limits.FILE_INPUT_MIN_FILES} to {limits.FILE_INPUT_MAX_FILES}, not {most!r}")
        kinds = element.get("filetypes")
        if kinds is not None and not (isinstance(kinds, list) and all(isinstance(k, str) for k in kinds)):
            self.add(f"{path}.filetypes", "must be a list of file extensions")
        if not self.in_input:
            self.add(path, "a file_input goes in an input block")

    def choices(self, path: str, element: dict[str, Any]) -> None:
        options = element.get("options")
        if isinstance(options, list):
            self.count(f"{path}.options", options, limits.OPTIONS, "options")
            self.options(f"{path}.options", options)
        groups = element.get("option_groups")
        if isinstance(groups, list):
            self.count(f"{path}.option_groups", groups, limits.OPTIONS, "option groups")
            for g, group in enumerate(groups):
                group_options = group.get("options") if isinstance(group, dict) else None
                if not isinstance(group_options, list):
                    self.add(f"{path}.option_groups[{g}].options", "must be a list")
                    continue
                group_path = f"{path}.option_groups[{g}].options"
                self.count(group_path, group_options, limits.OPTIONS, "options")
                self.options(group_path, group_options)
        if isinstance(element.get("initial_option"), dict):
            self.option(f"{path}.initial_option", element["initial_option"])
        initial = element.get("initial_options")
        if isinstance(initial, list):
            self.options(f"{path}.initial_options", initial)

    def options(self, path: str, options: Iterable[Any]) -> None:
        for i, option in enumerate(options):
            self.option(f"{path}[{i}]", option)

    def option(self, path: str, option: Any) -> None:
        if not isinstance(option, dict):
            self.add(path, "must be an object")
            return
        self.text(f"{path}.text", option.get("text"), limits.OPTION_TEXT)
        self.length(f"{path}.value", option.get("value"), limits.OPTION_VALUE)
        if option.get("description") is not None:
            self.text(f"{path}.description", option["description"], limits.OPTION_TEXT)


def _section(w: _Walker, path: str, block: dict[str, Any]) -> None:
    text, fields = block.get("text"), block.get("fields")
    if text is None and fields is None:
        w.add(path, "a section needs text or fields")
    if text is not None:
        w.text(f"{path}.text", text, limits.SECTION_TEXT)
    if fields is not None:
        if not isinstance(fields, list):
            w.add(f"{path}.fields", "must be a list")
        else:
            w.count(f"{path}.fields", fields, limits.SECTION_FIELDS, "fields")
            for i, field in enumerate(fields):
                w.text(f"{path}.fields[{i}]", field, limits.SECTION_FIELD_TEXT)
    if block.get("accessory") is not None:
        w.element(f"{path}.accessory", block["accessory"])


def _header(w: _Walker, path: str, block: dict[str, Any]) -> None:
    w.text(f"{path}.text", block.get("text"), limits.HEADER_TEXT, plain_only=True)


def _context(w: _Walker, path: str, block: dict[str, Any]) -> None:
    elements = block.get("elements")
    if not isinstance(elements, list) or not elements:
        w.add(f"{path}.elements", "must be a non-empty list")
        return
    w.count(f"{path}.elements", elements, limits.CONTEXT_ELEMENTS, "elements")
    for i, element in enumerate(elements):
        w.element(f"{path}.elements[{i}]", element)


def _actions(w: _Walker, path: str, block: dict[str, Any]) -> None:
    elements = block.get("elements")
    if not isinstance(elements, list) or not elements:
        w.add(f"{path}.elements", "must be a non-empty list")
        return
    w.count(f"{path}.elements", elements, limits.ACTIONS_ELEMENTS, "elements")
    for i, element in enumerate(elements):
        w.element(f"{path}.elements[{i}]", element)


def _input(w: _Walker, path: str, block: dict[str, Any]) -> None:
    w.text(f"{path}.label", block.get("label"), None, plain_only=True)
    if block.get("hint") is not None:
        w.text(f"{path}.hint", block["hint"], None, plain_only=True)
    if not isinstance(block.get("element"), dict):
        w.add(f"{path}.element", "required")
    else:
        w.in_input = True
        try:
            w.element(f"{path}.element", block["element"])
        finally:
            w.in_input = False


def _image(w: _Walker, path: str, block: dict[str, Any]) -> None:
    if not block.get("image_url") and not block.get("slack_file"):
        w.add(path, "an image needs image_url or slack_file")
    if not isinstance(block.get("alt_text"), str):
        w.add(f"{path}.alt_text", "required")


_BLOCK_CHECKS = {
    "section": _section,
    "header": _header,
    "context": _context,
    "actions": _actions,
    "input": _input,
    "image": _image,
}


def check_message(blocks: list[dict[str, Any]] | None, text: str | None) -> list[str]:
    """Violations in a message's `blocks` and `text` (chat.postMessage, chat.update, response_url)."""
    walker = _Walker()
    if text is not None:
        walker.length("text", text, limits.MESSAGE_TEXT)
    if blocks is not None:
        walker.blocks("blocks", blocks, limits.MESSAGE_BLOCKS)
    return walker.errors


def check_view(view: dict[str, Any]) -> list[str]:
    """Violations in a modal or App Home view (views.open/push/update/publish)."""
    walker = _Walker()
    if not isinstance(view, dict):
        return ["view: must be an object"]
    kind = view.get("type")
    if not isinstance(kind, str) or kind not in VIEW_TYPES:
        walker.add("type", f"must be 'modal' or 'home', not {kind!r}")
    if kind == "modal":
        if view.get("title") is None:
            walker.add("title", "required for a modal")
        for key in ("title", "submit", "close"):
            if view.get(key) is not None:
                walker.text(key, view[key], limits.VIEW_TITLE, plain_only=True)
        blocks = view.get("blocks")
        has_input = isinstance(blocks, list) and any(
            isinstance(b, dict) and b.get("type") == "input" for b in blocks
        )
        if has_input and view.get("submit") is None:
            walker.add("submit", "required when the modal has input blocks")
    walker.length("private_metadata", view.get("private_metadata"), limits.PRIVATE_METADATA)
    # Slack caps callback_id and external_id at 255 characters, like action_id.
    walker.length("callback_id", view.get("callback_id"), limits.ACTION_ID)
    walker.length("external_id", view.get("external_id"), limits.ACTION_ID)
    if "blocks" not in view:
        walker.add("blocks", "required")
    else:
        walker.blocks("blocks", view["blocks"], limits.VIEW_BLOCKS)
    return walker.errors


def as_slack_messages(violations: list[str], prefix: str = "") -> list[str]:
    """Violations phrased like Slack's `response_metadata.messages` (`[ERROR] ...`)."""
    return [f"[ERROR] {prefix}{v}" for v in violations]
