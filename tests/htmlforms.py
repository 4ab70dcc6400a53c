"""Read the forms of an HTML page as a browser would submit them (for benchmark and load tests).

`parse_forms(html)` returns every <form> with its method, action and the values a browser would
send when nothing is changed: hidden and text inputs, textareas, checked radios and checkboxes,
selected options. Tests and tools then change the fields they care about and post the rest as is,
so they keep working when a page gains a field.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    method: str
    action: str
    attrs: dict[str, str]
    fields: list[tuple[str, str]] = field(default_factory=list)  # what is sent unchanged
    choices: dict[str, list[str]] = field(default_factory=dict)  # radio/select/checkbox options
    kinds: dict[str, str] = field(default_factory=dict)  # name -> input type (first seen)
    buttons: list[tuple[str, str]] = field(default_factory=list)  # named submit buttons

    def data(self) -> dict[str, str]:
        """The unchanged submission as a dict (the last value wins for repeated names)."""
        return dict(self.fields)

    def names(self) -> list[str]:
        return list(dict.fromkeys([*self.kinds, *self.choices]))


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.textarea: tuple[str, list[str]] | None = None
        self.select: str | None = None
        self.select_selected: str | None = None
        self.select_first: str | None = None
        self.option: dict[str, str] | None = None
        self.option_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.form = Form(
                method=a.get("method", "get").lower(), action=a.get("action", ""), attrs=a
            )
            self.forms.append(self.form)
            return
        form = self.form
        if form is None or "disabled" in a:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            form.kinds.setdefault(name, kind)
            if kind in ("radio", "checkbox"):
                form.choices.setdefault(name, []).append(a.get("value", "on"))
                if "checked" in a:
                    form.fields.append((name, a.get("value", "on")))
            elif kind in ("submit", "button", "image", "reset"):
                form.buttons.append((name, a.get("value", "")))
            elif kind != "file":
                form.fields.append((name, a.get("value", "")))
        elif tag == "button" and name and a.get("type", "submit").lower() == "submit":
            form.buttons.append((name, a.get("value", "")))
        elif tag == "textarea" and name:
            form.kinds.setdefault(name, "textarea")
            self.textarea = (name, [])
        elif tag == "select" and name:
            form.kinds.setdefault(name, "select")
            form.choices.setdefault(name, [])
            self.select, self.select_selected, self.select_first = name, None, None
        elif tag == "option" and self.select:
            self.option = a
            self.option_text = []

    def _close_option(self) -> None:
        if self.option is None or self.select is None or self.form is None:
            return
        value = self.option.get("value", "".join(self.option_text).strip())
        self.form.choices[self.select].append(value)
        if self.select_first is None:
            self.select_first = value
        if "selected" in self.option:
            self.select_selected = value
        self.option = None

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.textarea[1].append(data)
        elif self.option is not None:
            self.option_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self.textarea and self.form:
            name, parts = self.textarea
            text = "".join(parts)
            self.form.fields.append((name, text[1:] if text.startswith("\n") else text))
            self.textarea = None
        elif tag == "option":
            self._close_option()
        elif tag == "select" and self.select and self.form:
            self._close_option()
            chosen = self.select_selected if self.select_selected is not None else self.select_first
            if chosen is not None:
                self.form.fields.append((self.select, chosen))
            self.select = None
        elif tag == "form":
            self.form = None


def parse_forms(html: str) -> list[Form]:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.forms


def post_forms(html: str) -> list[Form]:
    return [f for f in parse_forms(html) if f.method == "post"]
