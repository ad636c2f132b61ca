"""Read a form out of a rendered page the way a browser submits it (inputs, checked boxes, selected options,
textareas, hidden fields), so a test posts exactly what the page carried."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, form_index: int):
        super().__init__(convert_charrefs=True)
        self.want, self.seen, self.inside = form_index, -1, False
        self.fields: list[tuple[str, str]] = []
        self._select = self._select_first = self._textarea = None
        self._select_chosen = False
        self._text = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.seen += 1
            self.inside = self.seen == self.want and (a.get("method") or "get").lower() == "post"
            return
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields.append((name, a.get("value", "on")))
            elif kind not in ("submit", "button", "file", "image", "reset"):
                self.fields.append((name, a.get("value") or ""))
        elif tag == "select" and name:
            self._select, self._select_first, self._select_chosen = name, None, False
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in a and not self._select_chosen:
                self.fields.append((self._select, value))
                self._select_chosen = True
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self._select:
            if not self._select_chosen and self._select_first is not None:
                self.fields.append((self._select, self._select_first))
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.fields.append((self._textarea, "".join(self._text).removeprefix("\n")))
            self._textarea = None


def form_data(html: str | bytes, *, containing: str, **changes) -> dict:
    """The fields of the page's POST form that has a field named `containing` (last value wins), with
    `changes` applied; a change of None removes the field (an unticked box)."""
    if isinstance(html, bytes):
        html = html.decode()
    for index in range(html.count("<form")):
        fields = dict(_read(html, index).fields)
        if containing in fields:
            break
    else:
        raise AssertionError(f"page has no POST form with a field {containing!r}")
    for key, value in changes.items():
        if value is None:
            fields.pop(key, None)
        else:
            fields[key] = value
    return fields


def _read(html: str, index: int) -> _FormReader:
    reader = _FormReader(index)
    reader.feed(html)
    reader.close()
    return reader
